import CallDeskCore
import FluentKit
import Foundation

/// Group commit for calls pushed one at a time (a PBX sends one request per finished call): while one
/// transaction is being written, the calls that arrive wait, and the next transaction writes all of them at
/// once. Each caller gets its own call's fate only after the transaction holding it has committed, so an
/// acknowledged call is never lost; if that transaction fails, every call in it gets the error (none was
/// stored, so the PBX's retry stores it). One commit per group instead of one per call is what lets a
/// single-writer database (SQLite) take thousands of calls a second.
public actor CallWriter {
    private struct Waiting {
        var call: CallRecord
        var connection: PBXConnection
        var continuation: CheckedContinuation<CallIngestion.Stored, any Error>
    }

    private let database: any Database
    private var waiting: [Waiting] = []
    private var writing = false
    /// The most calls one transaction takes.
    public static let largestGroup = 1_000

    public init(database: any Database) {
        self.database = database
    }

    /// Stores one call; answers once it is committed.
    public func store(_ call: CallRecord, connection: PBXConnection) async throws -> CallIngestion.Stored {
        try await withCheckedThrowingContinuation { continuation in
            waiting.append(Waiting(call: call, connection: connection, continuation: continuation))
            if !writing {
                writing = true
                Task { await self.drain() }
            }
        }
    }

    private func drain() async {
        while !waiting.isEmpty {
            let group = Array(waiting.prefix(Self.largestGroup))
            waiting.removeFirst(group.count)
            do {
                let stored = try await CallIngestion.ingest(group.map { ($0.call, $0.connection) }, on: database)
                for (item, result) in zip(group, stored) { item.continuation.resume(returning: result) }
            } catch {
                for item in group { item.continuation.resume(throwing: error) }
            }
        }
        writing = false
    }
}
