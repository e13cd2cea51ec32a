/// A volcano whose activity ``VolcanicActivityGenerator`` invents: its name, Smithsonian Global
/// Volcanism Program number, summit, eruptive style and how often it erupts relative to the
/// others. Positions are rounded summits; the weights are a rough picture of which volcanoes
/// are restless most years, not a statistic.
struct Volcano: Sendable {
    enum Style: String, Sendable {
        /// Lava flows and fountains (Kīlauea, Piton de la Fournaise): VEI 0–2.
        case effusive
        /// Ash columns, domes and blasts (Sakurajima, Merapi): VEI 1–6.
        case explosive
    }

    var name: String
    var gvpNumber: Int64?
    var longitude: Double
    var latitude: Double
    var style: Style
    var weight: Double

    init(_ name: String, _ gvpNumber: Int64?, _ longitude: Double, _ latitude: Double, _ style: Style, weight: Double) {
        self.name = name
        self.gvpNumber = gvpNumber
        self.longitude = longitude
        self.latitude = latitude
        self.style = style
        self.weight = weight
    }

    /// Forty volcanoes around the world, from Erebus (77.5° S) and Beerenberg (71° N) to
    /// Hunga Tonga–Hunga Haʻapai beside the antimeridian.
    static let catalogue: [Volcano] = [
        Volcano("Etna", 211060, 14.999, 37.748, .explosive, weight: 3),
        Volcano("Stromboli", 211040, 15.213, 38.789, .explosive, weight: 3),
        Volcano("Vesuvius", 211020, 14.426, 40.821, .explosive, weight: 0.3),
        Volcano("Kīlauea", 332010, -155.287, 19.421, .effusive, weight: 3),
        Volcano("Mauna Loa", 332020, -155.608, 19.475, .effusive, weight: 1),
        Volcano("Mount St. Helens", 321050, -122.180, 46.200, .explosive, weight: 0.5),
        Volcano("Popocatépetl", 341090, -98.622, 19.023, .explosive, weight: 2),
        Volcano("Fuego", 342090, -90.880, 14.473, .explosive, weight: 2),
        Volcano("Cotopaxi", 352050, -78.436, -0.677, .explosive, weight: 0.5),
        Volcano("Villarrica", 357120, -71.930, -39.420, .explosive, weight: 1),
        Volcano("Erebus", 390020, 167.170, -77.530, .explosive, weight: 1),
        Volcano("Hekla", 372070, -19.666, 63.983, .explosive, weight: 0.5),
        Volcano("Eyjafjallajökull", 372020, -19.633, 63.633, .explosive, weight: 0.3),
        Volcano("Beerenberg", 376010, -8.200, 71.080, .effusive, weight: 0.1),
        Volcano("Sakurajima", 282080, 130.657, 31.593, .explosive, weight: 3),
        Volcano("Fuji", 283030, 138.731, 35.361, .explosive, weight: 0.1),
        Volcano("Merapi", 263250, 110.446, -7.540, .explosive, weight: 2),
        Volcano("Semeru", 263300, 112.922, -8.108, .explosive, weight: 2),
        Volcano("Krakatau", 262000, 105.423, -6.102, .explosive, weight: 1),
        Volcano("Pinatubo", 273083, 120.350, 15.130, .explosive, weight: 0.2),
        Volcano("Mayon", 273030, 123.685, 13.257, .explosive, weight: 1),
        Volcano("Taal", 273070, 120.993, 14.002, .explosive, weight: 1),
        Volcano("Ruapehu", 241100, 175.570, -39.280, .explosive, weight: 0.5),
        Volcano("Whakaari / White Island", 241040, 177.183, -37.520, .explosive, weight: 1),
        Volcano("Raoul Island", nil, -177.920, -29.270, .explosive, weight: 0.2),
        Volcano("Hunga Tonga–Hunga Haʻapai", 243040, -175.380, -20.536, .explosive, weight: 0.3),
        Volcano("Yasur", 257100, 169.447, -19.532, .explosive, weight: 2),
        Volcano("Klyuchevskoy", 300260, 160.638, 56.056, .explosive, weight: 2),
        Volcano("Sheveluch", 300270, 161.360, 56.653, .explosive, weight: 2),
        Volcano("Bezymianny", 300250, 160.587, 55.972, .explosive, weight: 1),
        Volcano("Augustine", 313010, -153.430, 59.363, .explosive, weight: 0.3),
        Volcano("Redoubt", 313030, -152.742, 60.485, .explosive, weight: 0.3),
        Volcano("Pavlof", 312030, -161.894, 55.417, .explosive, weight: 1),
        Volcano("Okmok", 311290, -168.130, 53.430, .explosive, weight: 0.5),
        Volcano("Cleveland", 311240, -169.944, 52.825, .explosive, weight: 1),
        Volcano("Nyiragongo", 223030, 29.250, -1.520, .effusive, weight: 1),
        Volcano("Erta Ale", 221080, 40.670, 13.600, .effusive, weight: 1),
        Volcano("Ol Doinyo Lengai", 222120, 35.902, -2.764, .effusive, weight: 0.5),
        Volcano("Piton de la Fournaise", 233020, 55.708, -21.244, .effusive, weight: 2),
        Volcano("Soufrière Hills", 360050, -62.177, 16.720, .explosive, weight: 0.5),
        Volcano("Cumbre Vieja", 383010, -17.830, 28.570, .effusive, weight: 0.2),
    ]
}
