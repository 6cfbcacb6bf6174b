import Foundation

/// Small hand-written bundles for the storage tests (domain.md, "Data bundle").
public enum SampleBundles {
    public static func files(_ texts: [String: String]) -> [String: [UInt8]] {
        texts.mapValues { Array($0.utf8) }
    }

    /// A small but complete company: every file, every kind of reference.
    public static let company: [String: String] = [
        "settings.csv": """
            key,value
            company_name,Công ty TNHH Thử Nghiệm
            time_zone,Asia/Ho_Chi_Minh
            """,
        "departments.csv": """
            id,name,parent_id,head_email
            D1,Ban Giám đốc,,giamdoc@example.vn
            D2,Kinh doanh,D1,truong.kd@example.vn
            D3,Kinh doanh 1,D2,
            """,
        "users.csv": """
            id,name,email,department_id,role,active,extensions,password
            U1,Trần Giám Đốc,giamdoc@example.vn,D1,admin,true,,matkhau123
            U2,Lê Trưởng KD,truong.kd@example.vn,D2,manager,true,101,matkhau123
            U3,Nguyễn Văn An,an@example.vn,D3,sales,true,102;VFONE:212,matkhau123
            U4,Phạm Thị Bình,binh@example.vn,D3,sales,false,103,
            """,
        "sources.csv": """
            id,name
            S1,Facebook
            S2,Giới thiệu
            """,
        "groups.csv": """
            id,name,parent_id
            G1,VIP,
            G2,VIP Vàng,G1
            """,
        "customers.csv": """
            id,name,phones,emails,address,source_ids,group_ids,owner_email,created_at,deleted_at
            C1,Nguyễn Thị Lan,0912 345 678;+84 24 3825 1234,lan@example.vn,"12 Lê Lợi, Hà Nội",S1;S2,G2,an@example.vn,2026-11-02T09:15:00+07:00,
            C2,Công ty CP Hoa Mai,84987654321,,,S1,,binh@example.vn,2026-11-03T10:00:00+07:00,
            C3,Khách chưa phụ trách,0168 123 4567;abc-not-a-phone,,,,,,2026-11-04T08:00:00Z,
            """,
        "campaigns.csv": """
            id,name,code,stages,starts_on,ends_on,allow_duplicates
            K1,Khuyến mãi Tết,TET,Mới;Quan tâm;Chốt,2026-11-01,2026-12-31,false
            """,
        "opportunities.csv": """
            id,customer_id,campaign_id,owner_email,stage,value,created_at,deleted_at
            O1,C1,K1,an@example.vn,Quan tâm,5000000,2026-11-05T09:00:00+07:00,
            O2,C2,K1,,Mới,,2026-11-05T10:00:00+07:00,
            """,
        "calls.csv": """
            id,provider,direction,extension,user_email,remote_number,started_at,answered_at,ended_at,total_seconds,talk_seconds,result,recording_url
            A1,,outbound,102,,0912345678,2026-11-05T09:00:00+07:00,2026-11-05T09:00:10+07:00,2026-11-05T09:02:10+07:00,130,120,answered,
            A2,VFONE,outbound,212,,84987654321,2026-11-05T09:05:00+07:00,,,30,0,no_answer,
            A3,OTHER,outbound,212,,0987654321,2026-11-05T09:06:00+07:00,,,30,0,busy,
            A4,,outbound,999,,0381234567,2026-11-05T09:07:00+07:00,,,10,0,failed,
            A5,,inbound,101,binh@example.vn,0912.345.678,2026-11-05T09:08:00+07:00,,,45,40,answered,http://rec.example.vn/a5.mp3
            """,
        "tasks.csv": """
            id,type,title,customer_id,opportunity_id,assignee_email,created_by_email,created_at,due_at,status,completed_at
            T1,appointment,Hẹn gặp tư vấn,C1,O1,an@example.vn,an@example.vn,2026-11-05T10:00:00+07:00,2026-11-06T10:00:00+07:00,done,2026-11-06T11:00:00+07:00
            T2,call,Gọi lại,C2,,binh@example.vn,,2026-11-05T11:00:00+07:00,,open,
            """,
        "orders.csv": """
            id,customer_id,opportunity_id,created_by_email,created_at,total,status
            R1,C1,O1,an@example.vn,2026-11-07T10:00:00+07:00,3000000,approved
            R2,C2,,,2026-11-07T11:00:00+07:00,1250000,cancelled
            """,
        "order_lines.csv": """
            order_id,product_code,name,quantity,unit_price
            R1,SP01,Gói tư vấn,2,1000000
            R1,SP02,Phí dịch vụ,1,1000000
            """,
        "payments.csv": """
            id,order_id,amount,paid_at,method
            P1,R1,1000000,2026-11-07T12:00:00+07:00,cash
            P2,R1,500000,2026-11-08T12:00:00+07:00,transfer
            """,
    ]
}
