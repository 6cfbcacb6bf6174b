import CallDeskCore
import CallDeskStore
import CallDeskTestSupport
@testable import CallDeskWeb
import Foundation
import SQLKit
import Testing
import VaporTesting

/// `/customers`: search, scope, the create form and the customer page.
@Suite("Web: customers")
struct CustomerPagesTests {
    private func customerID(_ name: String, _ app: Application) async throws -> Int64 {
        try await CallDeskDatabase.sql(app.db).raw("SELECT id FROM customers WHERE name = \(bind: name)")
            .first(decodingColumn: "id", as: Int64.self)!
    }

    @Test("the search finds a phone typed in another format (phone-numbers.md: same normalize)")
    func searchByAnyPhoneFormat() async throws {
        try await withWebCompany { app, _ in
            var client = WebClient(app)
            _ = try await client.signIn("giamdoc@example.vn")
            for query in ["84912345678", "0912345678", "%2B84%20912-345-678", "lan%40example.vn", "KH000001", "th%E1%BB%8B%20lan"] {
                let html = try await client.get("/customers?q=\(query)").body.string
                #expect(html.contains("Nguyễn Thị Lan"), "\(query)")
                #expect(!html.contains("Công ty CP Hoa Mai"), "\(query)")
            }
            let all = try await client.get("/customers").body.string
            #expect(all.components(separatedBy: #"<tr class="customer">"#).count - 1 == 3)
        }
    }

    @Test("a salesperson lists only their customers, and another's customer page is a 404")
    func scope() async throws {
        try await withWebCompany { app, _ in
            var client = WebClient(app)
            _ = try await client.signIn("an@example.vn")
            let list = try await client.get("/customers").body.string
            #expect(list.contains("Nguyễn Thị Lan"))
            #expect(!list.contains("Công ty CP Hoa Mai"))
            #expect(!list.contains("Khách chưa phụ trách"))
            let own = try await client.get("/customers/\(try await customerID("Nguyễn Thị Lan", app))")
            #expect(own.status == .ok)
            #expect(own.body.string.contains("Lịch sử chăm sóc"))
            #expect(own.body.string.contains("0912 345 678"))
            let other = try await client.get("/customers/\(try await customerID("Công ty CP Hoa Mai", app))")
            #expect(other.status == .notFound)
            #expect(try await client.get("/customers/999999").status == .notFound)
        }
    }

    @Test("R16 on customers: a manager sees their departments' customers, not the unassigned ones")
    func departmentScope() async throws {
        try await withWebCompany { app, _ in
            var client = WebClient(app)
            _ = try await client.signIn("truong.kd@example.vn")
            let list = try await client.get("/customers").body.string
            #expect(list.contains("Nguyễn Thị Lan"))
            #expect(list.contains("Công ty CP Hoa Mai"))
            #expect(!list.contains("Khách chưa phụ trách"))
            #expect(try await client.get("/customers/\(try await customerID("Khách chưa phụ trách", app))").status == .notFound)
        }
    }

    @Test("the customer page shows the care history: calls matched by number, appointments, orders, payments")
    func careHistory() async throws {
        try await withWebCompany { app, _ in
            var client = WebClient(app)
            _ = try await client.signIn("giamdoc@example.vn")
            let html = try await client.get("/customers/\(try await customerID("Nguyễn Thị Lan", app))").body.string
            #expect(html.contains("Gọi đi"))
            #expect(html.contains("Gọi đến"))
            #expect(html.contains("Hẹn gặp tư vấn"))
            #expect(html.contains("3.000.000 ₫"))
        }
    }

    @Test("creating a customer with several phones, then finding it by another format of its number")
    func createAndFind() async throws {
        try await withWebCompany { app, ids in
            var client = WebClient(app)
            _ = try await client.signIn("giamdoc@example.vn")
            _ = try await client.get("/customers/new")
            let created = try await client.post("/customers", [
                ("name", "Đỗ Minh Khoa"), ("phone0", "+84 912-345-699"), ("label0", "Di động"),
                ("phone1", "024 3825 1299"), ("label1", ""), ("phone2", ""), ("label2", ""),
                ("email", "khoa@example.vn"), ("address", ""), ("owner", "user:\(ids["an@example.vn"]!)"),
            ])
            #expect(created.status == .seeOther)
            let page = try await client.get(created.location!)
            #expect(page.body.string.contains("+84 912-345-699"))
            #expect(page.body.string.contains("Nguyễn Văn An"))
            let found = try await client.get("/customers?q=0912345699").body.string
            #expect(found.contains("Đỗ Minh Khoa"))
        }
    }

    @Test("wrong input re-renders the form with a message under each field")
    func validation() async throws {
        try await withWebCompany { app, _ in
            var client = WebClient(app)
            _ = try await client.signIn("an@example.vn")
            _ = try await client.get("/customers/new")
            let response = try await client.post("/customers", [
                ("name", " "), ("phone0", "0912 abc"), ("phone1", "101"), ("email", "khong-phai-email"), ("owner", ""),
            ])
            #expect(response.status == .badRequest)
            let html = response.body.string
            #expect(html.contains("Nhập tên khách hàng"))
            #expect(html.contains("Số điện thoại không hợp lệ: không được có chữ cái"), "the reason in Vietnamese too")
            #expect(html.contains("số máy nhánh nội bộ"))
            #expect(html.contains("Email không hợp lệ"))
            #expect(html.contains("Bạn chỉ có thể giao khách cho người trong phạm vi của mình"))
            #expect(html.contains(#"value="0912 abc""#))
        }
    }
}

/// "Thêm ghi chú" on the customer page.
@Suite("Web: customer notes")
struct CustomerNoteTests {
    @Test("a note lands in the care history with its author; empty ones and other people's customers are refused")
    func addNote() async throws {
        try await withWebCompany { app, _ in
            let sql = CallDeskDatabase.sql(app.db)
            let lan = try await sql.raw("SELECT id FROM customers WHERE code = 'KH000001'").first(decodingColumn: "id", as: Int64.self)!
            let hoaMai = try await sql.raw("SELECT id FROM customers WHERE code = 'KH000002'").first(decodingColumn: "id", as: Int64.self)!
            var an = WebClient(app)
            _ = try await an.signIn("an@example.vn")
            _ = try await an.get("/customers/\(lan)")
            let saved = try await an.post("/customers/\(lan)/notes", [("body", "  Khách hẹn gọi lại sau 15h  ")])
            #expect(saved.location == "/customers/\(lan)")
            let page = try await an.get("/customers/\(lan)").body.string
            #expect(page.contains("Khách hẹn gọi lại sau 15h") && page.contains("Nguyễn Văn An"))
            let empty = try await an.post("/customers/\(lan)/notes", [("body", " \n ")])
            #expect(empty.status == .badRequest && empty.body.string.contains("Ghi chú không được để trống"))
            #expect(try await an.post("/customers/\(hoaMai)/notes", [("body", "xem trộm")]).status == .notFound)
            #expect(try await an.post("/customers/\(lan)/notes", [("body", "không token")], withToken: false).status == .forbidden)
            let notes = try await sql.raw("SELECT COUNT(*) AS n FROM notes").first(decodingColumn: "n", as: Int64.self)
            #expect(notes == 1)
        }
    }
}

/// "Ghi cuộc gọi" on the customer page: a call made outside the PBX.
@Suite("Web: calls logged by hand")
struct ManualCallTests {
    @Test("a logged call is the viewer's, matched to the customer, in the log; wrong numbers and talk times are refused")
    func logCall() async throws {
        try await withWebCompany { app, ids in
            let sql = CallDeskDatabase.sql(app.db)
            let lan = try await sql.raw("SELECT id FROM customers WHERE code = 'KH000001'").first(decodingColumn: "id", as: Int64.self)!
            let hoaMai = try await sql.raw("SELECT id FROM customers WHERE code = 'KH000002'").first(decodingColumn: "id", as: Int64.self)!
            let count: SQLQueryString = "SELECT COUNT(*) AS n FROM calls"
            let before = try await sql.raw(count).first(decodingColumn: "n", as: Int64.self)!
            var an = WebClient(app)
            _ = try await an.signIn("an@example.vn")
            let page = try await an.get("/customers/\(lan)").body.string
            #expect(page.contains("Ghi cuộc gọi ngoài tổng đài"))
            let logged = try await an.post("/customers/\(lan)/calls", [("phone", "0912 345 678"), ("direction", "outbound"),
                                                                      ("talk", "2:05")])
            #expect(logged.location == "/customers/\(lan)")
            let row = try await sql.raw("""
                SELECT user_id, remote_e164, talk_seconds, provider FROM calls WHERE provider = 'MANUAL'
                """).first()
            #expect(try row?.decode(column: "user_id", as: Int64.self) == ids["an@example.vn"])
            #expect(try row?.decode(column: "remote_e164", as: String.self) == "+84912345678")
            #expect(try row?.decode(column: "talk_seconds", as: Int64.self) == 125)
            #expect(try await an.get("/calls?match=matched").body.string.contains("0912 345 678"))
            let wrongNumber = try await an.post("/customers/\(lan)/calls", [("phone", "0987654321"), ("talk", "1:00")])
            #expect(wrongNumber.status == .badRequest && wrongNumber.body.string.contains("Chọn một số điện thoại của khách hàng này"))
            let wrongTalk = try await an.post("/customers/\(lan)/calls", [("phone", "0912 345 678"), ("talk", "1:75")])
            #expect(wrongTalk.status == .badRequest && wrongTalk.body.string.contains("Thời gian đàm thoại theo dạng phút:giây"))
            #expect(try await an.post("/customers/\(hoaMai)/calls", [("phone", "84987654321"), ("talk", "5")]).status == .notFound)
            #expect(try await sql.raw(count).first(decodingColumn: "n", as: Int64.self) == before + 1)
        }
    }

    @Test("talk time is read as m:ss or seconds, up to four hours")
    func talkTimes() {
        #expect(ManualCalls.seconds("2:05") == 125 && ManualCalls.seconds("125") == 125 && ManualCalls.seconds("") == 0)
        #expect(ManualCalls.seconds("1:75") == nil && ManualCalls.seconds("-3") == nil && ManualCalls.seconds("99999") == nil)
        #expect(ManualCalls.seconds("2:5") == nil && ManualCalls.seconds("a") == nil)
    }
}
