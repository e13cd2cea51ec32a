import Foundation

/// A few items made ahead on a background thread, so that taking one rarely waits.
///
/// Bounded: the thread makes items until `capacity` are ready, then sleeps until one is taken.
/// An empty pool never blocks a caller: ``take()`` makes the item on the caller's thread (the
/// work is the same, only not hidden), which also keeps parallel tests from queueing behind one
/// producer. A background failure stops production; callers then make items themselves and see
/// the real error. The pool stops when the process exits (``BackgroundWork``), and the exit
/// waits for an item being made.
/// `@unchecked Sendable`: `ready` and the flags are touched only under `condition`, and each
/// item, once made, is handed to exactly one caller and never kept: an item that is not
/// `Sendable` (a connection) moves between threads but is never shared.
final class PreparedPool<Item>: @unchecked Sendable {
    private let condition = NSCondition()
    private var ready: [Item] = []
    private var stopped = false
    private var failed = false
    private let capacity: Int
    private let make: @Sendable () throws -> Item
    private let discard: @Sendable (Item) -> Void

    init(capacity: Int, name: String, make: @escaping @Sendable () throws -> Item, discard: @escaping @Sendable (Item) -> Void = { _ in }) {
        self.capacity = capacity
        self.make = make
        self.discard = discard
        guard capacity > 0 else { return }
        BackgroundWork.stopAtExit { [weak self] in self?.shutdown() }
        let thread = Thread { [self] in produce() }
        thread.name = name
        thread.qualityOfService = .userInitiated
        thread.start()
    }

    /// A ready item if there is one, else one made now; whether it was ready is returned too.
    func take() throws -> (item: Item, wasReady: Bool) {
        condition.lock()
        if let item = ready.popLast() {
            condition.signal()
            condition.unlock()
            return (item, true)
        }
        condition.unlock()
        return (try make(), false)
    }

    /// Stops the thread and discards the items it made (a Postgres pool drops its databases).
    func shutdown() {
        condition.lock()
        stopped = true
        let leftovers = ready
        ready.removeAll()
        condition.broadcast()
        condition.unlock()
        leftovers.forEach(discard)
    }

    private func produce() {
        while true {
            condition.lock()
            while !stopped && ready.count >= capacity { condition.wait() }
            let stop = stopped || failed
            condition.unlock()
            if stop { return }
            do {
                let item = try BackgroundWork.run(make)
                condition.lock()
                if stopped {
                    condition.unlock()
                    BackgroundWork.run { discard(item) }
                    return
                }
                ready.append(item)
                condition.unlock()
            } catch {
                condition.lock()
                failed = true
                condition.unlock()
                return
            }
        }
    }
}
