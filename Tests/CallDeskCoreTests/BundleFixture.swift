import Foundation
@testable import CallDeskCore

/// A small, valid data bundle as CSV text (domain.md, "Data bundle"), for tests to break one rule at a time.
enum BundleFixture {
    static let valid: [String: String] = [
        "settings.csv": """
            key,value
            company_name,"Công ty TNHH An Phát, chi nhánh 2"
            time_zone,Asia/Ho_Chi_Minh
            currency,VND
            phone_region,VN
            locale,vi

            """,
        "departments.csv": """
            id,name,parent_id,head_email
            D2,Telesales HN,D1,minh@anphat.vn
            D1,Kinh doanh,,LAN@anphat.vn

            """,
        "users.csv": """
            id,name,email,department_id,role,active,extensions,password
            U1,Trần Thị Lan,lan@anphat.vn,D1,manager,true,101; VFONE:212 ;,secret
            U2,Lê Văn Minh,minh@anphat.vn,D2,sales,TRUE,102;STRINGEE:212,
            U3,Phạm Hùng,hung@anphat.vn,D2,,,,

            """,
        "sources.csv": "id,name\nS1,Facebook\nS2,Website\n",
        "groups.csv": "id,name,parent_id\nG1,VIP,\nG2,VIP Hà Nội,G1\n",
        "customers.csv": """
            id,name,phones,emails,address,source_ids,group_ids,owner_email,created_at,deleted_at
            C1,Nguyễn Văn An,0912345678;+84 24 3825 1234,an@example.com,"12 Lý Thường Kiệt,
            Hà Nội",S1,G1;G2,minh@anphat.vn,2026-11-02T09:15:00+07:00,
            C2,Công ty Bình Minh,0987654321,,,S2,,lan@anphat.vn,2026-11-03T10:00:00.250+07:00,

            """,
        "campaigns.csv": """
            id,name,code,stages,starts_on,ends_on,allow_duplicates
            K1,Tết 2027,TET27,Mới;Quan tâm;Chốt,2026-12-01,2027-02-15,false

            """,
        "opportunities.csv": """
            id,customer_id,campaign_id,owner_email,stage,value,created_at,deleted_at
            O1,C1,K1,minh@anphat.vn,Quan tâm,5000000,2026-12-02T08:00:00+07:00,

            """,
        "calls.csv": """
            id,provider,direction,extension,user_email,remote_number,started_at,answered_at,ended_at,\
            total_seconds,talk_seconds,result,recording_url
            CALL-1,VFONE,outbound,212,lan@anphat.vn,0912345678,2026-12-02T09:00:00+07:00,\
            2026-12-02T09:00:05+07:00,2026-12-02T09:01:35+07:00,95,90,answered,https://rec.example/1.mp3
            CALL-2,,inbound,102,,0987654321,2026-12-02T03:00:00Z,,,20,0,no_answer,

            """,
        "tasks.csv": """
            id,type,title,customer_id,opportunity_id,assignee_email,created_by_email,created_at,due_at,status,\
            completed_at
            T1,appointment,Gặp anh An,C1,O1,minh@anphat.vn,lan@anphat.vn,2026-12-02T09:05:00+07:00,\
            2026-12-05T14:00:00+07:00,done,2026-12-05T15:00:00+07:00

            """,
        "orders.csv": """
            id,customer_id,opportunity_id,created_by_email,created_at,total,status
            DH1,C1,O1,minh@anphat.vn,2026-12-05T15:30:00+07:00,5000000,approved

            """,
        "order_lines.csv": """
            order_id,product_code,name,quantity,unit_price
            DH1,SP1,Gói cơ bản,2,2000000
            DH1,SP2,Phí lắp đặt,1,1000000

            """,
        "payments.csv": """
            id,order_id,amount,paid_at,method
            P1,DH1,3000000,2026-12-06T10:00:00+07:00,Chuyển khoản

            """,
    ]

    /// The valid bundle with some files replaced (or added, or removed with nil).
    static func valid(_ changes: [String: String?]) -> [String: String] {
        var files = valid
        for (name, text) in changes { files[name] = text }
        return files
    }

    /// The valid bundle with `rows` appended to `file`.
    static func valid(appending rows: String, to file: String) -> [String: String] {
        var files = valid
        files[file, default: ""] += rows.hasSuffix("\n") ? rows : rows + "\n"
        return files
    }

    static func read(_ files: [String: String]) -> BundleReadResult {
        BundleReader.read(files: files.mapValues { Array($0.utf8) })
    }
}

extension BundleReadResult {
    var errorTexts: [String] { errors.map(\.description) }
    var warningTexts: [String] { warnings.map(\.description) }
    /// `file:line: column` of each error.
    var errorPlaces: [String] { errors.map { "\($0.file):\($0.line): \($0.column)" } }
}
