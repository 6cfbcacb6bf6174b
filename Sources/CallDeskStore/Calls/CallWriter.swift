import CallDeskCore
import FluentKit
import Foundation

/// Every write of pushed calls goes through one writer per process, taken in arrival order:
/// - single calls (a PBX sends one request per finished call) are written in groups: the calls that arrive
///   while a transaction is being written go into the next one (group commit) — one commit per group,
///   not per call, which is what lets a single-writer database (SQLite) take thousands of calls a second.
///   A group's reads (secrets, extensions) go to another connection while the group before it commits, so
///   the writer's connection only ever waits for the disk, never for reads;
/// - a batch (`POST /api/v1/calls`) is its own transaction: all of it or none.
/// Each caller is answered only after the transaction holding its calls has committed, so an acknowledged
/// call is never lost; if a transaction fails, every caller in it gets the error (nothing of theirs was
/// stored, so the PBX's retry stores it). One writer also means writers seldom queue for the connection
/// pool or for SQLite's write lock.
///
/// A push that names its connection by secret (``push(secret:read:)``) is authenticated in its group: one
/// query finds the connections of every secret in the group together with the company settings, instead
/// of one query per request. It reads the database as of that group (a rotated or deactivated secret is
/// refused from the next group on); nothing is cached between groups.
public actor CallWriter {
    /// What became of a push.
    public enum Pushed: Sendable {
        /// The secret names no active connection: nothing was read or stored.
        case unknownSecret
        /// A valid payload that finishes no call (a provider's ringing event): nothing stored.
        case notFinal(why: String)
        case stored(CallIngestion.Stored, connection: PBXConnection)
    }

    /// Reads a pushed payload once its connection and the company's settings are known; its errors go back
    /// to the request that pushed it (and to no other in the group).
    public typealias Reader = @Sendable (PBXConnection, CompanySettings) throws -> CDROutcome

    private struct Single {
        var call: CallRecord
        var connection: PBXConnection
        var continuation: CheckedContinuation<CallIngestion.Stored, any Error>
    }

    private struct Push {
        var secret: String
        var read: Reader
        var continuation: CheckedContinuation<Pushed, any Error>
    }

    private struct Batch {
        var calls: [CallRecord]
        var connection: PBXConnection
        var continuation: CheckedContinuation<[CallIngestion.Stored], any Error>
    }

    /// A single call or a push, waiting for its group.
    private enum Waiting {
        case single(Single)
        case push(Push)
    }

    /// A group read and attributed, waiting for (or in) its transaction.
    private struct Group {
        var prepared: CallIngestion.Prepared
        var singles: [Single]
        /// The pushes that made a call, in the order of their calls after the singles'.
        var pushes: [(Push, PBXConnection)]
    }

    /// Where transactions go.
    private let database: any Database
    /// Where a group's reads go (the secrets, the extensions): another connection than the writes', so the
    /// next group is read while the last one commits.
    private let reader: any Database
    /// Whether the reads may overlap a transaction: not when they would queue for the writer's connection.
    private let overlaps: Bool
    private var batches: [Batch] = []
    private var waiting: [Waiting] = []
    /// Batch transactions in flight now, and at most: SQLite writes one transaction at a time whatever we do,
    /// so one; PostgreSQL takes concurrent writers, and with several batches in flight the server reads the
    /// next request while the database writes the last (measured: docs/benchmarks.md, call ingestion). Two
    /// transactions inserting the same call cannot both store it (the unique index; the second waits for
    /// the first and skips the row), and rows go in key order, so they cannot deadlock either.
    private var writingBatches = 0
    private let lanes: Int
    /// Groups of single calls go through two stages, one group in each at most: read (on `reader`), then
    /// written (one transaction on `database`). While a group is written the next one is read; the calls
    /// that arrive meanwhile wait for the one after — few large groups cost the database fewer statements
    /// than many small ones.
    private var readingGroup = false
    private var writingGroup = false
    private var readGroup: Group?
    /// The most single calls one transaction takes.
    public static let largestGroup = 1_000

    /// `reader`: a database whose connections are not `database`'s, for the reads of a group; without one,
    /// a group is read only when no transaction holds the writer's connection.
    public init(database: any Database, reader: (any Database)? = nil) {
        self.database = database
        self.reader = reader ?? database
        let postgres = SQLDialectSupport.kind(of: CallDeskDatabase.sql(database)) == .postgres
        // PostgreSQL's pool has several connections per event loop; SQLite's has one.
        overlaps = reader != nil || postgres
        lanes = postgres ? 3 : 1
    }

    /// Stores one call; answers once it is committed.
    public func store(_ call: CallRecord, connection: PBXConnection) async throws -> CallIngestion.Stored {
        try await withCheckedThrowingContinuation { continuation in
            waiting.append(.single(Single(call: call, connection: connection, continuation: continuation)))
            advanceGroups()
        }
    }

    /// Authenticates `secret`, reads the payload with `read` and stores its call; answers once it is committed.
    public func push(secret: String, read: @escaping Reader) async throws -> Pushed {
        try await withCheckedThrowingContinuation { continuation in
            waiting.append(.push(Push(secret: secret, read: read, continuation: continuation)))
            advanceGroups()
        }
    }

    /// Stores a batch in one transaction; answers each call's fate once it is committed.
    public func store(batch calls: [CallRecord], connection: PBXConnection) async throws -> [CallIngestion.Stored] {
        try await withCheckedThrowingContinuation { continuation in
            batches.append(Batch(calls: calls, connection: connection, continuation: continuation))
            if writingBatches < lanes {
                writingBatches += 1
                Task { await self.drainBatches() }
            }
        }
    }

    /// Writes queued batches, one at a time, until none is left; several drains run at once on PostgreSQL.
    private func drainBatches() async {
        while !batches.isEmpty {
            let batch = batches.removeFirst()
            do {
                let items = batch.calls.map { (call: $0, connection: batch.connection) }
                let prepared = try await CallIngestion.prepare(items, on: reader)
                batch.continuation.resume(returning: try await CallIngestion.write(prepared, on: database))
            } catch {
                batch.continuation.resume(throwing: error)
            }
        }
        writingBatches -= 1
    }

    /// Moves groups along: a group that has been read goes to its transaction when none is being written;
    /// the calls waiting become the next group when none is being read or waits to be written.
    private func advanceGroups() {
        if !writingGroup, let group = readGroup {
            readGroup = nil
            writingGroup = true
            Task { await self.write(group) }
        }
        if !readingGroup, readGroup == nil, !waiting.isEmpty, overlaps || !writingGroup {
            let taken = Array(waiting.prefix(Self.largestGroup))
            waiting.removeFirst(taken.count)
            readingGroup = true
            Task { await self.read(taken) }
        }
    }

    /// Reads a group: the pushes' secrets looked up together, each push's payload read, every call attributed.
    private func read(_ taken: [Waiting]) async {
        defer {
            readingGroup = false
            advanceGroups()
        }
        var singles: [Single] = []
        var pushes: [Push] = []
        for job in taken {
            switch job {
            case .single(let single): singles.append(single)
            case .push(let push): pushes.append(push)
            }
        }
        var settings: CompanySettings?
        var items = singles.map { (call: $0.call, connection: $0.connection) }
        var answers: [(Push, PBXConnection)] = []
        if !pushes.isEmpty {
            let found: (connections: [String: PBXConnection], settings: CompanySettings)
            do {
                found = try await PBXConnections.pushContexts(forSecrets: Set(pushes.map(\.secret)), on: reader)
            } catch {
                for item in singles { item.continuation.resume(throwing: error) }
                for item in pushes { item.continuation.resume(throwing: error) }
                return
            }
            settings = found.settings
            for push in pushes {
                guard let connection = found.connections[push.secret] else {
                    push.continuation.resume(returning: .unknownSecret)
                    continue
                }
                do {
                    switch try push.read(connection, found.settings) {
                    case .notFinal(let why): push.continuation.resume(returning: .notFinal(why: why))
                    case .call(let call):
                        items.append((call, connection))
                        answers.append((push, connection))
                    }
                } catch {
                    push.continuation.resume(throwing: error)
                }
            }
        }
        do {
            let prepared = try await CallIngestion.prepare(items, settings: settings, on: reader)
            if !prepared.isEmpty { readGroup = Group(prepared: prepared, singles: singles, pushes: answers) }
        } catch {
            for item in singles { item.continuation.resume(throwing: error) }
            for (push, _) in answers { push.continuation.resume(throwing: error) }
        }
    }

    /// One group's transaction; each caller is answered once it has committed.
    private func write(_ group: Group) async {
        defer {
            writingGroup = false
            advanceGroups()
        }
        do {
            let stored = try await CallIngestion.write(group.prepared, on: database)
            for (item, result) in zip(group.singles, stored) { item.continuation.resume(returning: result) }
            for ((push, connection), result) in zip(group.pushes, stored.dropFirst(group.singles.count)) {
                push.continuation.resume(returning: .stored(result, connection: connection))
            }
        } catch {
            for item in group.singles { item.continuation.resume(throwing: error) }
            for (push, _) in group.pushes { push.continuation.resume(throwing: error) }
        }
    }
}
