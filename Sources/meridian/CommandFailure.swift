import ArgumentParser
import Meridian

/// A database error as the command line reports it: its safe description on stderr and a
/// non-zero exit status.
struct CommandFailure: Error, CustomStringConvertible {
    let error: DatabaseError

    init(_ error: DatabaseError) { self.error = error }

    var description: String { error.description }
}
