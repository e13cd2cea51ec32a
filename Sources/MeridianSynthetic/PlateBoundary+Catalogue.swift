/// The major plate boundaries as coarse polylines (a vertex every few hundred kilometres),
/// longitude first, traced from memory of the usual tectonic maps: the Pacific ring of fire,
/// the mid-ocean ridges (the Mid-Atlantic Ridge up into the Arctic, the East Pacific Rise, the
/// Indian Ocean ridges), the Alpine–Himalayan belt and the East African Rift.
///
/// Several stretches cross the antimeridian (the Aleutians, Tonga–Fiji, the Pacific–Antarctic
/// Ridge) and some run far north or south (the Gakkel Ridge near 86° N, the Scotia arc and the
/// Pacific–Antarctic Ridge beyond 60° S), so generated data exercises those cases of a radius
/// search. Good enough for development data; not a geological reference.
extension PlateBoundary {
    typealias V = Vertex

    static let catalogue: [PlateBoundary] = ringOfFire + midOceanRidges + alpineHimalayan + rifts

    static let ringOfFire: [PlateBoundary] = [
        PlateBoundary("Alaska–Aleutian arc", .subduction, network: "ak", activity: 1.6, deepShare: 0.15, maxDepthKm: 250, [
            V(-147.5, 61.0, "Southern Alaska"), V(-152.0, 58.0, "Kodiak Island region, Alaska"),
            V(-157.0, 55.8, "Alaska Peninsula"), V(-163.0, 54.0, "Unimak Island region, Alaska"),
            V(-169.0, 52.5, "Fox Islands, Aleutian Islands, Alaska"), V(-175.5, 51.2, "Andreanof Islands, Aleutian Islands, Alaska"),
            V(179.0, 51.0, "Rat Islands, Aleutian Islands, Alaska"), V(173.0, 52.3, "Near Islands, Aleutian Islands, Alaska"),
            V(167.0, 54.5, "Komandorskiye Ostrova region"),
        ]),
        PlateBoundary("Kamchatka–Kuril–Japan–Izu–Bonin–Mariana arcs", .subduction, activity: 2.5, deepShare: 0.3, maxDepthKm: 650, [
            V(163.5, 56.5, "near the east coast of Kamchatka, Russia"), V(160.5, 52.5, "off the east coast of Kamchatka, Russia"),
            V(156.0, 48.5, "Kuril Islands"), V(150.5, 45.0, "Kuril Islands"),
            V(146.5, 42.5, "off the east coast of Hokkaido, Japan"), V(143.5, 40.0, "off the east coast of Honshu, Japan"),
            V(142.5, 37.0, "near the east coast of Honshu, Japan"), V(141.5, 34.0, "Izu Islands, Japan region"),
            V(142.0, 29.0, "Bonin Islands, Japan region"), V(143.0, 24.5, "Volcano Islands, Japan region"),
            V(146.0, 19.5, "Mariana Islands region"), V(146.5, 15.0, "Mariana Islands region"),
            V(144.0, 12.0, "south of the Mariana Islands"), V(139.0, 9.5, "Yap Islands region"),
        ]),
        PlateBoundary("Nankai–Ryukyu–Manila trenches", .subduction, activity: 1.8, deepShare: 0.2, maxDepthKm: 300, [
            V(138.5, 34.3, "near the south coast of Honshu, Japan"), V(135.5, 32.8, "Shikoku, Japan region"),
            V(132.0, 31.0, "Kyushu, Japan"), V(129.5, 28.5, "Ryukyu Islands, Japan"),
            V(125.5, 24.5, "southwestern Ryukyu Islands, Japan"), V(121.8, 23.5, "Taiwan"),
            V(120.5, 20.0, "Luzon Strait"), V(119.7, 16.5, "Luzon, Philippines"), V(120.5, 13.5, "Mindoro, Philippines"),
        ]),
        PlateBoundary("Philippine Trench", .subduction, activity: 1.8, deepShare: 0.25, maxDepthKm: 650, [
            V(124.5, 14.5, "Luzon, Philippines"), V(126.3, 11.0, "Samar, Philippines"), V(126.8, 7.5, "Mindanao, Philippines"),
            V(127.0, 4.5, "Talaud Islands, Indonesia"), V(126.5, 1.0, "Molucca Sea"),
        ]),
        PlateBoundary("Sunda arc", .subduction, activity: 2.2, deepShare: 0.25, maxDepthKm: 650, [
            V(94.0, 20.0, "Myanmar"), V(92.8, 14.0, "Andaman Islands, India region"), V(93.5, 8.0, "Nicobar Islands, India region"),
            V(95.5, 3.0, "off the west coast of northern Sumatra"), V(98.0, 0.0, "northern Sumatra, Indonesia"),
            V(101.0, -3.5, "southern Sumatra, Indonesia"), V(104.5, -6.5, "southwest of Sumatra, Indonesia"),
            V(108.0, -9.0, "south of Java, Indonesia"), V(113.0, -10.0, "south of Java, Indonesia"),
            V(118.0, -10.5, "Sumbawa region, Indonesia"), V(123.0, -10.0, "Savu Sea"), V(127.5, -8.5, "Timor region"),
            V(131.0, -6.5, "Banda Sea"), V(130.5, -4.0, "Seram, Indonesia"),
        ]),
        PlateBoundary("New Guinea–Solomon–Vanuatu arcs", .subduction, activity: 2.0, deepShare: 0.2, maxDepthKm: 600, [
            V(135.0, -2.5, "near the north coast of Papua, Indonesia"), V(141.0, -3.0, "near the north coast of New Guinea, Papua New Guinea"),
            V(146.0, -5.5, "eastern New Guinea region, Papua New Guinea"), V(151.5, -6.0, "New Britain region, Papua New Guinea"),
            V(154.5, -6.5, "Bougainville region, Papua New Guinea"), V(158.0, -9.0, "Solomon Islands"),
            V(162.0, -11.0, "Santa Cruz Islands"), V(166.5, -14.5, "Vanuatu"), V(168.5, -18.5, "Vanuatu"),
            V(170.5, -22.0, "southeast of the Loyalty Islands"),
        ]),
        PlateBoundary("Tonga–Kermadec–Hikurangi arcs", .subduction, activity: 2.6, deepShare: 0.35, maxDepthKm: 700, [
            V(-172.5, -15.0, "Samoa Islands region"), V(-173.5, -17.0, "Tonga"), V(-174.5, -20.5, "Tonga"),
            V(-176.0, -24.5, "south of the Fiji Islands"), V(-177.0, -28.5, "Kermadec Islands region"),
            V(-178.5, -32.5, "south of the Kermadec Islands"), V(179.0, -36.5, "off the east coast of the North Island of New Zealand"),
            V(176.5, -40.0, "North Island of New Zealand"),
        ]),
        PlateBoundary("Fiji deep seismic zone", .subduction, activity: 1.2, deepShare: 0.8, maxDepthKm: 700, [
            V(-178.0, -17.5, "Fiji Islands region"), V(-179.5, -19.5, "Fiji Islands region"),
            V(179.0, -21.5, "south of the Fiji Islands"), V(177.5, -23.5, "south of the Fiji Islands"),
        ]),
        PlateBoundary("Alpine Fault–Macquarie Ridge", .transform, activity: 0.6, [
            V(176.5, -40.0, "North Island of New Zealand"), V(173.0, -42.5, "South Island of New Zealand"),
            V(168.5, -45.5, "South Island of New Zealand"), V(165.0, -49.5, "Auckland Islands, New Zealand region"),
            V(159.5, -55.0, "Macquarie Island region"), V(160.5, -61.0, "west of Macquarie Island"),
        ]),
        PlateBoundary("Queen Charlotte–Fairweather faults", .transform, network: "ak", activity: 0.5, [
            V(-130.5, 51.5, "Haida Gwaii region, Canada"), V(-133.5, 54.5, "Haida Gwaii region, Canada"),
            V(-136.5, 58.0, "southeastern Alaska"), V(-139.0, 59.5, "southeastern Alaska"), V(-143.0, 60.3, "Southern Alaska"),
            V(-147.5, 61.0, "Southern Alaska"),
        ]),
        PlateBoundary("Cascadia subduction zone", .subduction, network: "uw", activity: 0.4, deepShare: 0.15, maxDepthKm: 80, [
            V(-127.5, 50.0, "Vancouver Island, Canada region"), V(-125.5, 47.0, "off the coast of Washington"),
            V(-125.0, 44.0, "off the coast of Oregon"), V(-124.8, 41.0, "offshore Northern California"),
        ]),
        PlateBoundary("San Andreas Fault, north", .transform, network: "nc", activity: 1.0, [
            V(-125.0, 40.3, "offshore Northern California"), V(-124.0, 40.0, "Northern California"),
            V(-122.5, 37.8, "San Francisco Bay area, California"), V(-121.0, 36.2, "Central California"),
        ]),
        PlateBoundary("San Andreas Fault, south", .transform, network: "ci", activity: 1.4, [
            V(-120.5, 35.8, "Central California"), V(-118.5, 34.6, "Southern California"),
            V(-116.5, 33.8, "Southern California"), V(-115.5, 32.6, "Baja California, Mexico"),
        ]),
        PlateBoundary("Gulf of California", .transform, activity: 0.5, [
            V(-115.0, 31.5, "Gulf of California"), V(-113.0, 29.0, "Gulf of California"),
            V(-110.5, 26.0, "Gulf of California"), V(-108.5, 23.0, "southern Gulf of California"),
        ]),
        PlateBoundary("Middle America Trench", .subduction, activity: 1.8, deepShare: 0.2, maxDepthKm: 250, [
            V(-105.5, 19.5, "near the coast of Jalisco, Mexico"), V(-102.0, 17.8, "Guerrero, Mexico"),
            V(-98.5, 16.2, "Oaxaca, Mexico"), V(-94.5, 15.0, "off the coast of Chiapas, Mexico"),
            V(-91.5, 13.5, "off the coast of Guatemala"), V(-88.5, 12.5, "off the coast of El Salvador"),
            V(-86.5, 11.0, "off the coast of Nicaragua"), V(-85.0, 9.5, "Costa Rica"), V(-82.5, 7.0, "south of Panama"),
        ]),
        PlateBoundary("Peru–Chile Trench", .subduction, activity: 1.9, deepShare: 0.25, maxDepthKm: 650, [
            V(-78.5, 3.0, "near the coast of Colombia"), V(-80.5, -1.0, "near the coast of Ecuador"),
            V(-81.5, -5.0, "near the coast of northern Peru"), V(-79.5, -9.5, "near the coast of central Peru"),
            V(-76.5, -13.5, "near the coast of central Peru"), V(-72.5, -17.0, "southern Peru"),
            V(-70.8, -20.0, "Tarapacá, Chile"), V(-70.8, -24.0, "Antofagasta, Chile"), V(-71.5, -28.0, "Atacama, Chile"),
            V(-72.0, -32.5, "offshore Valparaíso, Chile"), V(-73.5, -36.5, "offshore Biobío, Chile"),
            V(-74.0, -40.0, "Los Lagos, Chile"), V(-75.5, -45.0, "Aysén, Chile"), V(-75.5, -50.0, "Magallanes, Chile"),
        ]),
        PlateBoundary("Caribbean plate boundary", .subduction, network: "pr", activity: 0.7, deepShare: 0.1, maxDepthKm: 200, [
            V(-88.5, 15.8, "Honduras"), V(-84.0, 17.5, "north of Honduras"), V(-80.0, 19.2, "Cayman Islands region"),
            V(-75.5, 19.8, "Cuba region"), V(-72.5, 19.5, "Haiti region"), V(-69.0, 19.8, "Dominican Republic region"),
            V(-66.0, 19.5, "Puerto Rico region"), V(-63.0, 18.5, "Virgin Islands region"), V(-61.5, 16.5, "Leeward Islands"),
            V(-60.5, 14.0, "Windward Islands"), V(-61.0, 11.5, "Trinidad and Tobago region"),
        ]),
        PlateBoundary("Scotia arc", .subduction, activity: 0.9, deepShare: 0.15, maxDepthKm: 300, [
            V(-55.0, -57.5, "Drake Passage"), V(-45.0, -60.8, "South Orkney Islands region"), V(-35.0, -60.5, "Scotia Sea"),
            V(-26.5, -59.5, "South Sandwich Islands region"), V(-26.0, -56.5, "South Sandwich Islands region"),
            V(-28.0, -55.0, "South Georgia Island region"), V(-36.0, -54.0, "South Georgia Island region"),
        ]),
        PlateBoundary("Hawaii", .hotspot, network: "hv", activity: 3.0, [
            V(-156.0, 19.7, "Island of Hawaii, Hawaii"), V(-155.0, 19.3, "Island of Hawaii, Hawaii"),
        ]),
    ]

    static let midOceanRidges: [PlateBoundary] = [
        PlateBoundary("Mid-Atlantic Ridge", .ridge, activity: 0.35, [
            V(3.5, -54.5, "Bouvet Island region"), V(-5.0, -52.5, "southern Mid-Atlantic Ridge"),
            V(-13.5, -45.0, "southern Mid-Atlantic Ridge"), V(-13.5, -36.0, "Tristan da Cunha region"),
            V(-13.0, -25.0, "southern Mid-Atlantic Ridge"), V(-14.0, -13.5, "Ascension Island region"),
            V(-13.0, -3.0, "central Mid-Atlantic Ridge"), V(-18.0, 0.0, "central Mid-Atlantic Ridge"),
            V(-29.0, 1.0, "Saint Peter and Saint Paul Rocks region"), V(-37.0, 7.5, "central Mid-Atlantic Ridge"),
            V(-45.5, 15.0, "northern Mid-Atlantic Ridge"), V(-45.0, 23.0, "northern Mid-Atlantic Ridge"),
            V(-39.5, 33.0, "northern Mid-Atlantic Ridge"), V(-29.5, 38.5, "Azores Islands region"),
            V(-28.5, 45.0, "northern Mid-Atlantic Ridge"), V(-30.0, 52.5, "Charlie-Gibbs Fracture Zone"),
            V(-32.5, 57.5, "Reykjanes Ridge"), V(-24.0, 63.0, "Reykjanes Ridge"), V(-20.0, 64.0, "Iceland region"),
            V(-17.5, 66.5, "north of Iceland"), V(-13.0, 70.0, "Jan Mayen Island region"), V(-6.0, 72.5, "Greenland Sea"),
            V(2.0, 74.0, "Greenland Sea"), V(8.0, 76.5, "Svalbard region"), V(6.5, 79.5, "Svalbard region"),
            V(3.0, 81.0, "north of Svalbard"),
        ]),
        PlateBoundary("Gakkel Ridge", .ridge, activity: 0.25, [
            V(3.0, 81.0, "north of Svalbard"), V(20.0, 84.0, "Arctic Ocean"), V(50.0, 86.0, "Arctic Ocean"),
            V(90.0, 86.3, "Arctic Ocean"), V(115.0, 82.5, "Arctic Ocean"), V(125.0, 79.0, "Laptev Sea"),
        ]),
        PlateBoundary("East Pacific Rise–Pacific-Antarctic Ridge", .ridge, activity: 0.3, [
            V(-108.5, 23.0, "southern Gulf of California"), V(-107.0, 18.0, "off the coast of Jalisco, Mexico"),
            V(-104.0, 10.0, "northern East Pacific Rise"), V(-102.5, 2.0, "Galápagos Triple Junction region"),
            V(-106.0, -5.0, "central East Pacific Rise"), V(-110.0, -10.0, "central East Pacific Rise"),
            V(-112.5, -20.0, "southern East Pacific Rise"), V(-112.0, -28.0, "Easter Island region"),
            V(-111.0, -36.0, "southern East Pacific Rise"), V(-114.0, -45.0, "southern East Pacific Rise"),
            V(-118.0, -55.0, "Pacific-Antarctic Ridge"), V(-130.0, -57.5, "Pacific-Antarctic Ridge"),
            V(-150.0, -62.0, "Pacific-Antarctic Ridge"), V(-170.0, -65.0, "Pacific-Antarctic Ridge"),
            V(175.0, -64.5, "Balleny Islands region"), V(161.0, -61.0, "west of Macquarie Island"),
        ]),
        PlateBoundary("Carlsberg and Central Indian ridges", .ridge, activity: 0.25, [
            V(43.5, 12.0, "Gulf of Aden"), V(49.0, 13.5, "Gulf of Aden"), V(56.0, 14.0, "Owen Fracture Zone region"),
            V(60.5, 9.0, "Carlsberg Ridge"), V(66.0, 2.0, "Carlsberg Ridge"), V(67.5, -6.0, "Chagos Archipelago region"),
            V(67.0, -13.0, "Mid-Indian Ridge"), V(66.0, -19.0, "Mid-Indian Ridge"), V(70.0, -25.5, "Mid-Indian Ridge"),
        ]),
        PlateBoundary("Southeast Indian Ridge", .ridge, activity: 0.2, [
            V(70.0, -25.5, "Mid-Indian Ridge"), V(78.0, -33.0, "Southeast Indian Ridge"),
            V(88.0, -42.0, "Southeast Indian Ridge"), V(100.0, -48.0, "Southeast Indian Ridge"),
            V(115.0, -50.0, "south of Australia"), V(130.0, -50.5, "south of Australia"),
            V(140.0, -51.0, "south of Australia"), V(150.0, -55.0, "west of Macquarie Island"),
            V(161.0, -61.0, "west of Macquarie Island"),
        ]),
        PlateBoundary("Southwest Indian Ridge", .ridge, activity: 0.2, [
            V(70.0, -25.5, "Mid-Indian Ridge"), V(62.0, -30.5, "Southwest Indian Ridge"),
            V(55.0, -34.0, "Southwest Indian Ridge"), V(45.0, -39.0, "Southwest Indian Ridge"),
            V(32.0, -44.5, "Prince Edward Islands region"), V(20.0, -48.5, "Southwest Indian Ridge"),
            V(10.0, -52.5, "Southwest Indian Ridge"), V(3.5, -54.5, "Bouvet Island region"),
        ]),
    ]

    static let alpineHimalayan: [PlateBoundary] = [
        PlateBoundary("Azores–Gibraltar", .transform, activity: 0.3, [
            V(-29.5, 38.5, "Azores Islands region"), V(-20.0, 37.0, "Azores-Cape St. Vincent Ridge"),
            V(-12.0, 36.5, "Azores-Cape St. Vincent Ridge"), V(-7.5, 36.0, "Strait of Gibraltar"),
        ]),
        PlateBoundary("Mediterranean", .collision, activity: 0.8, deepShare: 0.05, maxDepthKm: 500, [
            V(-4.0, 35.5, "Strait of Gibraltar"), V(0.0, 36.0, "northern Algeria"), V(5.0, 36.5, "northern Algeria"),
            V(10.0, 37.0, "Tunisia"), V(14.5, 38.2, "Sicily, Italy"), V(16.0, 39.5, "southern Italy"),
            V(14.5, 41.5, "central Italy"), V(13.0, 43.0, "central Italy"), V(11.5, 44.3, "northern Italy"),
            V(13.5, 46.2, "northeastern Italy"), V(16.5, 43.5, "Adriatic Sea"), V(19.5, 41.5, "Albania"),
            V(20.8, 38.5, "Ionian Sea"), V(22.0, 36.5, "southern Greece"), V(25.5, 34.8, "Crete, Greece"),
            V(28.0, 36.0, "Dodecanese Islands, Greece"), V(27.0, 38.5, "western Turkey"), V(26.0, 40.5, "Aegean Sea"),
        ]),
        PlateBoundary("North Anatolian Fault", .transform, activity: 0.7, [
            V(26.0, 40.5, "Aegean Sea"), V(29.5, 40.8, "western Turkey"), V(32.5, 40.8, "central Turkey"),
            V(36.5, 40.5, "central Turkey"), V(39.5, 39.8, "eastern Turkey"), V(42.5, 39.3, "eastern Turkey"),
        ]),
        PlateBoundary("East Anatolian Fault–Dead Sea Transform", .transform, activity: 0.4, [
            V(39.5, 39.3, "eastern Turkey"), V(37.5, 37.5, "central Turkey"), V(36.2, 36.2, "Turkey-Syria border region"),
            V(35.8, 34.5, "Lebanon-Syria region"), V(35.5, 31.5, "Dead Sea region"), V(34.8, 28.5, "Gulf of Aqaba"),
        ]),
        PlateBoundary("Zagros–Makran–Himalaya", .collision, activity: 1.0, deepShare: 0.08, maxDepthKm: 250, [
            V(42.5, 39.3, "eastern Turkey"), V(45.5, 37.0, "Turkey-Iran border region"), V(46.5, 34.0, "western Iran"),
            V(49.5, 31.5, "western Iran"), V(53.0, 28.5, "southern Iran"), V(57.0, 27.0, "southern Iran"),
            V(61.0, 25.5, "Makran coast, Iran-Pakistan border region"), V(65.0, 25.3, "Makran coast, Pakistan"),
            V(67.0, 28.5, "southwestern Pakistan"), V(69.5, 32.5, "Pakistan"), V(70.8, 36.5, "Hindu Kush region, Afghanistan"),
            V(73.5, 35.0, "northwestern Kashmir"), V(77.5, 31.5, "Himachal Pradesh, India"),
            V(80.5, 29.5, "Nepal-India border region"), V(83.5, 28.2, "Nepal"), V(86.0, 27.6, "Nepal"), V(89.5, 27.0, "Bhutan"),
            V(92.5, 27.3, "eastern Xizang-India border region"), V(95.5, 28.3, "eastern Xizang-India border region"),
            V(96.0, 25.5, "Myanmar-India border region"), V(94.0, 20.0, "Myanmar"),
        ]),
        PlateBoundary("Longmen Shan–Xianshuihe faults", .collision, activity: 0.3, [
            V(99.5, 27.0, "Yunnan, China"), V(101.5, 30.0, "western Sichuan, China"),
            V(103.5, 31.3, "eastern Sichuan, China"), V(105.5, 33.5, "southern Gansu, China"),
        ]),
    ]

    static let rifts: [PlateBoundary] = [
        PlateBoundary("Red Sea Rift", .rift, activity: 0.2, [
            V(43.5, 12.5, "Afar region, Ethiopia"), V(40.5, 16.0, "southern Red Sea"), V(38.0, 20.0, "Red Sea"),
            V(35.0, 26.0, "northern Red Sea"), V(33.5, 28.0, "Gulf of Suez"),
        ]),
        PlateBoundary("East African Rift, eastern branch", .rift, activity: 0.3, [
            V(43.5, 12.5, "Afar region, Ethiopia"), V(40.5, 10.0, "Ethiopia"), V(38.5, 7.0, "Ethiopia"),
            V(36.5, 3.0, "Lake Turkana region, Kenya"), V(36.0, -1.0, "Kenya"), V(35.5, -4.0, "Tanzania"),
        ]),
        PlateBoundary("East African Rift, western branch", .rift, activity: 0.3, [
            V(30.0, 1.0, "Lake Albert region"), V(29.2, -2.0, "Lake Kivu region"), V(29.5, -6.5, "Lake Tanganyika region"),
            V(32.5, -9.0, "Lake Rukwa region, Tanzania"), V(34.3, -11.5, "Lake Malawi region"), V(35.0, -15.5, "Malawi"),
        ]),
    ]
}
