import CallDeskCore
import Foundation
import SQLKit

/// The care history of one customer (domain.md "Care history"): calls to and from its numbers
/// (matched at query time, like the report), notes, tasks and appointments, orders, payments and
/// owner changes, newest first. Each kind is capped so a very old customer's page stays fast.
enum CareHistory {
    static let perKind = 100

    static func events(customerID id: Int64, phoneKeys: [String], sql: any SQLDatabase) async throws
        -> [CustomerProfile.Event] {
        var events: [CustomerProfile.Event] = []
        struct Line: Decodable {
            var at: Int64; var who: String?; var title: String; var detail: String?; var amount: Int64?
            var link: String?; var kind: String
        }
        var queries: [SQLQueryString] = [
            """
            SELECT n.created_at AS at, u.name AS who, 'Ghi chú' AS title, n.body AS detail, NULL AS amount,
                   NULL AS link, 'note' AS kind
            FROM notes n LEFT JOIN users u ON u.id = n.author_id WHERE n.customer_id = \(bind: id)
            ORDER BY n.created_at DESC LIMIT \(literal: perKind)
            """,
            """
            SELECT t.created_at AS at, u.name AS who, t.title AS title, t.status AS detail, NULL AS amount,
                   NULL AS link, CASE WHEN t.type = 'appointment' THEN 'appointment' ELSE 'task' END AS kind
            FROM tasks t LEFT JOIN users u ON u.id = COALESCE(t.created_by_id, t.assignee_id)
            WHERE t.customer_id = \(bind: id) ORDER BY t.created_at DESC LIMIT \(literal: perKind)
            """,
            """
            SELECT o.created_at AS at, u.name AS who, COALESCE(o.code, o.external_id) AS title, o.status AS detail,
                   o.total AS amount, NULL AS link, 'order' AS kind
            FROM orders o LEFT JOIN users u ON u.id = o.created_by_id
            WHERE o.customer_id = \(bind: id) ORDER BY o.created_at DESC LIMIT \(literal: perKind)
            """,
            """
            SELECT p.paid_at AS at, NULL AS who, COALESCE(o.code, o.external_id) AS title, p.method AS detail,
                   p.amount AS amount, NULL AS link, 'payment' AS kind
            FROM payments p JOIN orders o ON o.id = p.order_id
            WHERE o.customer_id = \(bind: id) ORDER BY p.paid_at DESC LIMIT \(literal: perKind)
            """,
            """
            SELECT h.changed_at AS at, b.name AS who, COALESCE(f.name, '—') AS title, COALESCE(t.name, '—') AS detail,
                   NULL AS amount, NULL AS link, 'owner_change' AS kind
            FROM ownership_changes h LEFT JOIN users b ON b.id = h.changed_by_id
            LEFT JOIN users f ON f.id = h.from_user_id LEFT JOIN users t ON t.id = h.to_user_id
            WHERE h.customer_id = \(bind: id) ORDER BY h.changed_at DESC LIMIT \(literal: perKind)
            """,
            """
            SELECT a.at AS at, u.name AS who, a.detail AS title, NULL AS detail, NULL AS amount, NULL AS link, a.kind AS kind
            FROM customer_activity a LEFT JOIN users u ON u.id = a.user_id
            WHERE a.customer_id = \(bind: id) ORDER BY a.at DESC LIMIT \(literal: perKind)
            """,
            """
            SELECT o.created_at AS at, u.name AS who, k.name AS title, o.stage AS detail, NULL AS amount, NULL AS link,
                   'campaign' AS kind
            FROM opportunities o JOIN campaigns k ON k.id = o.campaign_id LEFT JOIN users u ON u.id = o.owner_id
            WHERE o.customer_id = \(bind: id) AND o.deleted_at IS NULL ORDER BY o.created_at DESC LIMIT \(literal: perKind)
            """,
        ]
        if !phoneKeys.isEmpty {
            queries.append("""
                SELECT c.started_at AS at, u.name AS who, c.direction AS title, c.remote_raw AS detail,
                       c.talk_seconds AS amount, c.recording_url AS link, 'call' AS kind
                FROM calls c LEFT JOIN users u ON u.id = c.user_id
                WHERE c.remote_e164 IN (\(binds: phoneKeys)) ORDER BY c.started_at DESC LIMIT \(literal: perKind)
                """)
        }
        for query in queries {
            for line in try await sql.raw(query).all(decoding: Line.self) {
                guard let kind = CustomerProfile.Event.Kind(rawValue: line.kind) else { continue }
                events.append(CustomerProfile.Event(kind: kind, at: Date(epochMilliseconds: line.at), who: line.who,
                                                   title: line.title, detail: line.detail, amount: line.amount,
                                                   link: line.link))
            }
        }
        return events.sorted { $0.at > $1.at }
    }
}
