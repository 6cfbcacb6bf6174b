import CallDeskCore
import Foundation
import SQLKit

/// The Telesales report's SQL: one set of common table expressions (cohort → each member's own
/// figures) that the report's rows, its Total and every drill-down select from, so a cell and the
/// list behind it cannot disagree. Plain SQL that SQLite and PostgreSQL both run; every value bound.
struct TelesalesQuery {
    /// Bounds of the filters as epoch milliseconds (R1) and `now` (R2).
    var now: Int64
    var createdStart: Int64
    var createdEnd: Int64
    var callsStart: Int64
    var callsEnd: Int64
    var basis: ReportBasis
    var campaign: Int64?
    var sources: [Int64]
    /// The chosen groups with all their sub-groups.
    var groups: [Int64]
    /// The owners whose members are counted; nil = every member, unassigned included (R5, R7).
    var owners: [Int64]?
    /// With `owners`, whether members without an owner are counted too.
    var includeUnassigned: Bool

    /// `WITH members AS (…), member_phones …, member_figures AS (…)`: one row per cohort member with
    /// its own figures (telesales-report.md, "Counting is additive").
    ///
    /// Shaped for the covering indexes of ``CoverReportIndexes`` (measured at 1M customers, see
    /// docs/benchmarks.md): `members` and `member_phones` are inlined (`NOT MATERIALIZED`) so the
    /// cohort is read straight from its index; every per-member aggregate groups by
    /// `(created_at, member_id)`, the order that index yields, so SQLite aggregates as it goes instead
    /// of sorting millions of call rows. `CROSS JOIN` keeps SQLite's join order member → number →
    /// calls (SQLite never reorders around it; PostgreSQL treats it as a plain join): left free, SQLite
    /// started "today" from the day's calls by `calls_started` and took 20 s instead of 1 s at 1M.
    /// Each customer's distinct numbers (a number typed twice counts once: the copy with the lowest id
    /// stands for it) are joined to calls, so a call, which has one remote number, counts once per member.
    var memberFigures: SQLQueryString {
        var sql: SQLQueryString = "WITH members AS NOT MATERIALIZED (\(cohort)),\n"
        sql += """
            member_phones AS NOT MATERIALIZED (
              SELECT m.member_id, m.created_at, m.owner_id, p.e164
              FROM members m CROSS JOIN customer_phones p
              WHERE p.customer_id = m.customer_id AND p.e164 IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM customer_phones q
                                WHERE q.customer_id = p.customer_id AND q.e164 = p.e164 AND q.id < p.id)
            ),
            call_figures AS (
              SELECT mp.member_id, COUNT(*) AS calls,
                     CAST(SUM(CASE WHEN k.talk_seconds > 0 THEN 1 ELSE 0 END) AS BIGINT) AS answered_calls,
                     CAST(SUM(k.talk_seconds) AS BIGINT) AS talk_seconds, MAX(k.started_at) AS last_call_at
              FROM member_phones mp CROSS JOIN calls k
              WHERE k.remote_e164 = mp.e164 AND k.direction = 'outbound'
                AND k.started_at >= \(bind: callsStart) AND k.started_at < \(bind: callsEnd) AND k.started_at <= \(bind: now)
                AND (mp.owner_id IS NULL OR k.user_id = mp.owner_id)
              GROUP BY mp.created_at, mp.member_id
            ),
            appointment_figures AS (
              SELECT m.member_id, COUNT(*) AS appointments,
                     CAST(SUM(CASE WHEN t.status = 'done' AND (t.completed_at IS NULL OR t.completed_at <= \(bind: now))
                              THEN 1 ELSE 0 END) AS BIGINT) AS completed_appointments
              FROM members m JOIN tasks t ON t.customer_id = m.customer_id
              WHERE t.type = 'appointment' AND t.status <> 'cancelled'
                AND t.created_at >= \(bind: createdStart) AND t.created_at <= \(bind: now)
                AND \(unsafeRaw: opportunityMatch("t"))
              GROUP BY m.created_at, m.member_id
            ),
            member_orders AS (
              SELECT m.member_id, m.created_at, o.id AS order_id, o.total,
                     COALESCE((SELECT SUM(y.amount) FROM payments y WHERE y.order_id = o.id AND y.paid_at <= \(bind: now)), 0)
                       AS paid
              FROM members m JOIN orders o ON o.customer_id = m.customer_id
              WHERE o.status <> 'cancelled' AND o.created_at >= \(bind: createdStart) AND o.created_at <= \(bind: now)
                AND \(unsafeRaw: opportunityMatch("o"))
            ),
            order_figures AS (
              SELECT member_id, COUNT(*) AS orders, CAST(SUM(total) AS BIGINT) AS order_value,
                     CAST(SUM(paid) AS BIGINT) AS paid,
                     CAST(SUM(CASE WHEN total > paid THEN total - paid ELSE 0 END) AS BIGINT) AS debt
              FROM member_orders GROUP BY created_at, member_id
            ),
            member_figures AS (
              SELECT m.member_id, m.customer_id, m.opportunity_id, m.owner_id,
                     COALESCE(c.calls, 0) AS calls, COALESCE(c.answered_calls, 0) AS answered_calls,
                     COALESCE(c.talk_seconds, 0) AS talk_seconds, c.last_call_at,
                     COALESCE(a.appointments, 0) AS appointments,
                     COALESCE(a.completed_appointments, 0) AS completed_appointments,
                     COALESCE(r.orders, 0) AS orders, COALESCE(r.order_value, 0) AS order_value,
                     COALESCE(r.paid, 0) AS paid, COALESCE(r.debt, 0) AS debt
              FROM members m
              LEFT JOIN call_figures c ON c.member_id = m.member_id
              LEFT JOIN appointment_figures a ON a.member_id = m.member_id
              LEFT JOIN order_figures r ON r.member_id = m.member_id
            )

            """
        return sql
    }

    /// R11/R12 in the opportunity basis: a task or order naming an opportunity qualifies only for it;
    /// one naming none for every opportunity of its customer.
    private func opportunityMatch(_ alias: String) -> String {
        basis == .opportunity ? "(\(alias).opportunity_id IS NULL OR \(alias).opportunity_id = m.opportunity_id)" : "1 = 1"
    }

    /// The cohort (R3/R4) narrowed to the owners the viewer may see and asked for (R5, R16).
    private var cohort: SQLQueryString {
        var sql: SQLQueryString
        switch basis {
        case .customer:
            sql = """
                SELECT c.id AS member_id, c.id AS customer_id, CAST(NULL AS BIGINT) AS opportunity_id, c.owner_id AS owner_id,
                       c.created_at AS created_at
                FROM customers c
                WHERE c.created_at >= \(bind: createdStart) AND c.created_at < \(bind: createdEnd)
                  AND c.created_at <= \(bind: now) AND (c.deleted_at IS NULL OR c.deleted_at > \(bind: now))
                """
            if let campaign {
                sql += """

                      AND EXISTS (SELECT 1 FROM opportunities o WHERE o.customer_id = c.id AND o.campaign_id = \(bind: campaign)
                                  AND o.created_at <= \(bind: now) AND (o.deleted_at IS NULL OR o.deleted_at > \(bind: now)))
                    """
            }
            sql += ownerCondition("c.owner_id")
        case .opportunity:
            sql = """
                SELECT o.id AS member_id, o.customer_id AS customer_id, o.id AS opportunity_id, o.owner_id AS owner_id,
                       o.created_at AS created_at
                FROM opportunities o JOIN customers c ON c.id = o.customer_id
                WHERE o.created_at >= \(bind: createdStart) AND o.created_at < \(bind: createdEnd)
                  AND o.created_at <= \(bind: now) AND (o.deleted_at IS NULL OR o.deleted_at > \(bind: now))
                  AND (c.deleted_at IS NULL OR c.deleted_at > \(bind: now))
                """
            if let campaign { sql += "\n  AND o.campaign_id = \(bind: campaign)" }
            sql += ownerCondition("o.owner_id")
        }
        if !sources.isEmpty {
            sql += "\n  AND EXISTS (SELECT 1 FROM customer_sources s WHERE s.customer_id = c.id AND s.source_id IN (\(binds: sources)))"
        }
        if !groups.isEmpty {
            sql += "\n  AND EXISTS (SELECT 1 FROM customer_group_members g WHERE g.customer_id = c.id AND g.group_id IN (\(binds: groups)))"
        }
        return sql
    }

    private func ownerCondition(_ column: String) -> SQLQueryString {
        guard let owners else { return "" }
        let none: SQLQueryString = includeUnassigned ? " OR \(unsafeRaw: column) IS NULL" : ""
        guard !owners.isEmpty else {
            return includeUnassigned ? "\n  AND \(unsafeRaw: column) IS NULL" : "\n  AND 1 = 0"
        }
        return "\n  AND (\(unsafeRaw: column) IN (\(binds: owners))\(none))"
    }

    /// The SQL condition on `member_figures` (alias `f`) for a drill-down metric's members (R15).
    static func condition(_ metric: TelesalesMetric) -> String? {
        switch metric.memberCondition {
        case nil: return nil
        case .all: return "1 = 1"
        case .flag(let flag, let value):
            let column: String
            switch flag {
            case .called: column = "f.calls"
            case .answered: column = "f.answered_calls"
            case .booked: column = "f.appointments"
            case .completed: column = "f.completed_appointments"
            case .ordered: column = "f.orders"
            }
            return value ? "\(column) > 0" : "\(column) = 0"
        }
    }

    /// Per owner (NULL = unassigned) and, in the same query, the Total: each a sum of its members' figures.
    var rowsSQL: SQLQueryString {
        let sums = """
            COUNT(*) AS members,
            CAST(SUM(CASE WHEN f.calls > 0 THEN 1 ELSE 0 END) AS BIGINT) AS called,
            CAST(SUM(CASE WHEN f.answered_calls > 0 THEN 1 ELSE 0 END) AS BIGINT) AS answered,
            CAST(SUM(CASE WHEN f.appointments > 0 THEN 1 ELSE 0 END) AS BIGINT) AS booked,
            CAST(SUM(CASE WHEN f.completed_appointments > 0 THEN 1 ELSE 0 END) AS BIGINT) AS completed,
            CAST(SUM(f.orders) AS BIGINT) AS orders, CAST(SUM(f.order_value) AS BIGINT) AS order_value,
            CAST(SUM(f.paid) AS BIGINT) AS paid, CAST(SUM(f.debt) AS BIGINT) AS debt,
            CAST(SUM(CASE WHEN f.orders > 0 THEN 1 ELSE 0 END) AS BIGINT) AS ordered,
            CAST(SUM(f.calls) AS BIGINT) AS calls, CAST(SUM(f.answered_calls) AS BIGINT) AS answered_calls,
            CAST(SUM(f.talk_seconds) AS BIGINT) AS talk_seconds, CAST(SUM(f.appointments) AS BIGINT) AS appointments,
            CAST(SUM(f.completed_appointments) AS BIGINT) AS completed_appointments
            """
        var sql = memberFigures
        sql += """
            SELECT 0 AS is_total, f.owner_id AS owner_id, \(unsafeRaw: sums) FROM member_figures f GROUP BY f.owner_id
            UNION ALL
            SELECT 1 AS is_total, CAST(NULL AS BIGINT) AS owner_id, \(unsafeRaw: sums) FROM member_figures f
            """
        return sql
    }
}

/// One line of ``TelesalesQuery/rowsSQL``.
struct TelesalesRowFigures: Decodable {
    var is_total: Int64
    var owner_id: Int64?
    var members: Int64
    var called: Int64?
    var answered: Int64?
    var booked: Int64?
    var completed: Int64?
    var orders: Int64?
    var order_value: Int64?
    var paid: Int64?
    var debt: Int64?
    var ordered: Int64?
    var calls: Int64?
    var answered_calls: Int64?
    var talk_seconds: Int64?
    var appointments: Int64?
    var completed_appointments: Int64?

    var figures: TelesalesFigures {
        var f = TelesalesFigures()
        f.members = members
        f.called = called ?? 0
        f.answered = answered ?? 0
        f.booked = booked ?? 0
        f.completed = completed ?? 0
        f.orders = orders ?? 0
        f.orderValue = order_value ?? 0
        f.paid = paid ?? 0
        f.debt = debt ?? 0
        f.ordered = ordered ?? 0
        f.calls = calls ?? 0
        f.answeredCalls = answered_calls ?? 0
        f.talkSeconds = talk_seconds ?? 0
        f.appointments = appointments ?? 0
        f.completedAppointments = completed_appointments ?? 0
        return f
    }
}
