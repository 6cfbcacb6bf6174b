import CallDeskCore
import Foundation
import SQLKit
import Vapor

extension BundleStoreWriter {
    func writeSettings(_ settings: [String: String]) async throws {
        guard !settings.isEmpty else { return }
        let rows = settings.keys.sorted().map { key in [any SQLExpression].binds(key, settings[key]) }
        try await UpsertBatch(table: "company_settings", columns: ["key", "value"], conflict: ["key"]).run(rows, on: sql)
        if let region = settings["phone_region"] { phoneRegion = region }
    }

    func writeDepartments(_ departments: [DepartmentRecord]) async throws {
        guard !departments.isEmpty else { return }
        let rows = departments.map { [any SQLExpression].binds($0.id, $0.name) }
        let ids = try await UpsertBatch(table: "departments", columns: ["external_id", "name"])
            .run(rows, returning: "external_id", on: sql)
        departmentIDs.merge(ids) { $1 }
        try await load(departments.compactMap(\.parentID), of: "departments", into: &departmentIDs)
        for department in departments {
            try await sql.update("departments")
                .set("parent_id", to: SQLBind(department.parentID.flatMap { departmentIDs[$0] }))
                .where("id", .equal, SQLBind(departmentIDs[department.id]))
                .run()
        }
        report("departments.csv", departments.count, departments.count)
    }

    func writeUsers(_ users: [UserRecord]) async throws {
        if users.isEmpty {
            try await loadUsers()
            return
        }
        try await load(users.compactMap(\.departmentID), of: "departments", into: &departmentIDs)
        var roleIDs: [String: Int64] = [:]
        for row in try await sql.select().column("id").column("code").from("roles").all() {
            roleIDs[try row.decode(column: "code", as: String.self)] = try row.decode(column: "id", as: Int64.self)
        }
        var rows: [[any SQLExpression]] = []
        for user in users {
            var hash: String?
            if let password = user.password, !password.isEmpty {
                if let known = passwordHashes[password] {
                    hash = known
                } else {
                    hash = try Bcrypt.hash(password)
                    passwordHashes[password] = hash
                }
            }
            rows.append(.binds(user.id, user.name, user.email, user.email.lowercased(), hash,
                               user.departmentID.flatMap { departmentIDs[$0] }, roleIDs[user.role.rawValue],
                               user.active, now.epochMilliseconds))
        }
        var batch = UpsertBatch(table: "users", columns: ["external_id", "name", "email", "email_key", "password_hash",
                                                          "department_id", "role_id", "active", "created_at"],
                                update: ["name", "email", "email_key", "department_id", "role_id", "active"])
        batch.customUpdates = [("password_hash", SQLRaw("COALESCE(excluded.password_hash, users.password_hash)"))]
        let ids = try await batch.run(rows, returning: "external_id", on: sql)
        try await deleteRows(of: "user_extensions", where: "user_id", in: Array(ids.values), on: sql)
        var extensionRows: [[any SQLExpression]] = []
        for user in users {
            guard let id = ids[user.id] else { continue }
            for ext in user.extensions {
                extensionRows.append(.binds(id, ext.number, (ext.providerCode ?? "").uppercased()))
            }
        }
        if !extensionRows.isEmpty {
            try await sql.insert(into: "user_extensions").columns("user_id", "number", "provider_code")
                .rows(extensionRows).run()
        }
        try await loadUsers()
        report("users.csv", users.count, users.count)
    }

    func writeDepartmentHeads(_ departments: [DepartmentRecord]) async throws {
        guard !departments.isEmpty else { return }
        let ids = departments.compactMap { departmentIDs[$0.id] }
        try await deleteRows(of: "department_heads", where: "department_id", in: ids, on: sql)
        let rows: [[any SQLExpression]] = departments.compactMap { department in
            guard let id = departmentIDs[department.id], let head = userID(department.headEmail) else { return nil }
            return .binds(id, head)
        }
        if !rows.isEmpty {
            try await sql.insert(into: "department_heads").columns("department_id", "user_id").rows(rows).run()
        }
    }

    func writeSources(_ sources: [SourceRecord]) async throws {
        guard !sources.isEmpty else { return }
        let ids = try await UpsertBatch(table: "sources", columns: ["external_id", "name"])
            .run(sources.map { .binds($0.id, $0.name) }, returning: "external_id", on: sql)
        sourceIDs.merge(ids) { $1 }
        report("sources.csv", sources.count, sources.count)
    }

    func writeGroups(_ groups: [GroupRecord]) async throws {
        guard !groups.isEmpty else { return }
        let ids = try await UpsertBatch(table: "customer_groups", columns: ["external_id", "name"])
            .run(groups.map { .binds($0.id, $0.name) }, returning: "external_id", on: sql)
        groupIDs.merge(ids) { $1 }
        try await load(groups.compactMap(\.parentID), of: "customer_groups", into: &groupIDs)
        for group in groups {
            try await sql.update("customer_groups")
                .set("parent_id", to: SQLBind(group.parentID.flatMap { groupIDs[$0] }))
                .where("id", .equal, SQLBind(groupIDs[group.id]))
                .run()
        }
        report("groups.csv", groups.count, groups.count)
    }

    func writeCampaigns(_ campaigns: [CampaignRecord]) async throws {
        guard !campaigns.isEmpty else { return }
        let rows = campaigns.map {
            [any SQLExpression].binds($0.id, $0.code, $0.name, $0.startsOn?.description, $0.endsOn?.description,
                                      $0.allowDuplicates, false)
        }
        let ids = try await UpsertBatch(table: "campaigns",
                                        columns: ["external_id", "code", "name", "starts_on", "ends_on",
                                                  "allow_duplicates", "locked"],
                                        update: ["code", "name", "starts_on", "ends_on", "allow_duplicates"])
            .run(rows, returning: "external_id", on: sql)
        campaignIDs.merge(ids) { $1 }
        try await deleteRows(of: "campaign_stages", where: "campaign_id", in: Array(ids.values), on: sql)
        var stageRows: [[any SQLExpression]] = []
        for campaign in campaigns {
            guard let id = ids[campaign.id] else { continue }
            for (position, stage) in campaign.stages.enumerated() {
                stageRows.append(.binds(id, position, stage))
            }
        }
        if !stageRows.isEmpty {
            try await sql.insert(into: "campaign_stages").columns("campaign_id", "position", "name")
                .rows(stageRows).run()
        }
        report("campaigns.csv", campaigns.count, campaigns.count)
    }
}
