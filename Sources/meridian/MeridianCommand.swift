import ArgumentParser

@main
struct MeridianCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "meridian")
    func run() throws {}
}
