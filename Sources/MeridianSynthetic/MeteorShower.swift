/// An annual meteor shower as the IMO calendar lists it: IAU code, peak date, activity
/// period, zenithal hourly rate, radiant, entry speed and parent body (values rounded).
struct MeteorShower: Sendable {
    var code: String
    var name: String
    var peakMonth: Int
    var peakDay: Int
    /// Days of activity before and after the peak.
    var daysBefore: Int
    var daysAfter: Int
    var zhr: Double
    var rightAscension: Double
    var declination: Double
    var speedKmS: Double
    var parent: String?
    /// Whether the shower has had outbursts and storms (the Leonids, the Draconids).
    var outbursts: Bool

    static let catalogue: [MeteorShower] = [
        MeteorShower(code: "QUA", name: "Quadrantids", peakMonth: 1, peakDay: 4, daysBefore: 7, daysAfter: 8, zhr: 110,
                     rightAscension: 230.1, declination: 48.5, speedKmS: 41.0, parent: "(196256) 2003 EH1", outbursts: false),
        MeteorShower(code: "LYR", name: "April Lyrids", peakMonth: 4, peakDay: 22, daysBefore: 8, daysAfter: 8, zhr: 18,
                     rightAscension: 271.4, declination: 33.6, speedKmS: 46.6, parent: "C/1861 G1 (Thatcher)", outbursts: true),
        MeteorShower(code: "ETA", name: "eta Aquariids", peakMonth: 5, peakDay: 6, daysBefore: 17, daysAfter: 22, zhr: 50,
                     rightAscension: 338.0, declination: -1.0, speedKmS: 65.5, parent: "1P/Halley", outbursts: false),
        MeteorShower(code: "SDA", name: "Southern delta Aquariids", peakMonth: 7, peakDay: 30, daysBefore: 18, daysAfter: 24, zhr: 25,
                     rightAscension: 340.0, declination: -16.0, speedKmS: 40.5, parent: "96P/Machholz", outbursts: false),
        MeteorShower(code: "CAP", name: "alpha Capricornids", peakMonth: 7, peakDay: 30, daysBefore: 27, daysAfter: 16, zhr: 5,
                     rightAscension: 307.0, declination: -10.0, speedKmS: 22.0, parent: "169P/NEAT", outbursts: false),
        MeteorShower(code: "PER", name: "Perseids", peakMonth: 8, peakDay: 12, daysBefore: 26, daysAfter: 12, zhr: 100,
                     rightAscension: 48.2, declination: 58.1, speedKmS: 59.1, parent: "109P/Swift-Tuttle", outbursts: false),
        MeteorShower(code: "DRA", name: "October Draconids", peakMonth: 10, peakDay: 8, daysBefore: 2, daysAfter: 2, zhr: 10,
                     rightAscension: 262.0, declination: 54.0, speedKmS: 20.4, parent: "21P/Giacobini-Zinner", outbursts: true),
        MeteorShower(code: "STA", name: "Southern Taurids", peakMonth: 10, peakDay: 10, daysBefore: 30, daysAfter: 41, zhr: 5,
                     rightAscension: 32.0, declination: 9.0, speedKmS: 27.0, parent: "2P/Encke", outbursts: false),
        MeteorShower(code: "ORI", name: "Orionids", peakMonth: 10, peakDay: 21, daysBefore: 19, daysAfter: 17, zhr: 20,
                     rightAscension: 95.4, declination: 15.9, speedKmS: 66.0, parent: "1P/Halley", outbursts: false),
        MeteorShower(code: "NTA", name: "Northern Taurids", peakMonth: 11, peakDay: 12, daysBefore: 23, daysAfter: 28, zhr: 5,
                     rightAscension: 58.0, declination: 22.0, speedKmS: 29.0, parent: "2P/Encke", outbursts: false),
        MeteorShower(code: "LEO", name: "Leonids", peakMonth: 11, peakDay: 17, daysBefore: 11, daysAfter: 13, zhr: 15,
                     rightAscension: 152.3, declination: 22.2, speedKmS: 70.7, parent: "55P/Tempel-Tuttle", outbursts: true),
        MeteorShower(code: "GEM", name: "Geminids", peakMonth: 12, peakDay: 14, daysBefore: 10, daysAfter: 6, zhr: 150,
                     rightAscension: 112.3, declination: 32.5, speedKmS: 33.8, parent: "(3200) Phaethon", outbursts: false),
        MeteorShower(code: "URS", name: "Ursids", peakMonth: 12, peakDay: 22, daysBefore: 5, daysAfter: 4, zhr: 10,
                     rightAscension: 217.0, declination: 76.0, speedKmS: 33.0, parent: "8P/Tuttle", outbursts: true),
    ]
}
