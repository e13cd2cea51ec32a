/// The migrations of ``MigrationCorpus``, version 1 first.
enum MigrationCorpusEntries {
    typealias C = MigrationCorpus
    typealias Table = MigrationCorpus.Table

    static let all: [MigrationCorpus.Entry] = [
        .init(slug: "organisations", steps: [
            .table(Table(name: "organisations", columns: [
                C.int("id", .notNull), C.text("name", .notNull, .unique), C.text("country_code", .notNull),
                C.text("website"), C.bool("active", .notNull), C.timestamp("created_at", .notNull), C.json("settings"),
            ], checks: [("organisations_country_code_length_check", #"length("country_code") = 2"#)])),
            .seed(table: "organisations", columns: ["id", "name", "country_code", "active", "created_at", "settings"], rows: [
                [.int(1), .text("Nordic Weather Service"), .text("NO"), .bool(true), .timestamp("2019-01-15T09:00:00"), .json(#"{"tier":"gold"}"#)],
                [.int(2), .text("Alpine Research Group"), .text("CH"), .bool(true), .timestamp("2020-06-01T12:30:00"), .null],
                [.int(3), .text("Coastal Monitoring Trust"), .text("PT"), .bool(false), .timestamp("2021-03-20T07:45:00"), .json(#"{"tier":"basic","seats":5}"#)],
                [.int(4), .text("Prairie Soil Lab"), .text("CA"), .bool(true), .timestamp("2022-11-11T16:00:00"), .null],
                [.int(5), .text("Highland Water Board"), .text("GB"), .bool(true), .timestamp("2023-08-08T08:08:08"), .json("[]")],
            ]),
        ]),
        .init(slug: "users", steps: [
            .table(Table(name: "users", columns: [
                C.int("id", .notNull), C.ref("organisation_id", "organisations", "CASCADE", .notNull),
                C.text("email", .notNull, .unique), C.text("display_name", .notNull), C.bool("is_admin", .notNull),
                C.timestamp("last_login_at"), C.json("preferences"),
            ], indexes: [["organisation_id"]])),
        ]),
        .init(slug: "networks", steps: [
            .table(Table(name: "networks", columns: [
                C.int("id", .notNull), C.ref("organisation_id", "organisations", "RESTRICT", .notNull),
                C.text("code", .notNull, .unique), C.text("name", .notNull), C.text("description"),
                C.bool("public", .notNull), C.timestamp("established_at"), C.json("metadata"),
            ], indexes: [["organisation_id"]])),
        ]),
        .init(slug: "stations", steps: [
            .table(Table(name: "stations", columns: [
                C.int("id", .notNull), C.ref("network_id", "networks", "CASCADE", .notNull),
                C.text("code", .notNull, .unique), C.text("name", .notNull), C.double("elevation_m"),
                C.bool("active", .notNull), C.timestamp("installed_at", .notNull), C.json("properties"),
            ], point: ("location", true), indexes: [["network_id"]])),
        ]),
        .init(slug: "sensor_kinds", steps: [
            .table(Table(name: "sensor_kinds", columns: [
                C.int("id", .notNull), C.text("code", .notNull, .unique), C.text("unit", .notNull),
                C.double("min_value"), C.double("max_value"), C.text("description"),
            ])),
            .seed(table: "sensor_kinds", columns: ["id", "code", "unit", "min_value", "max_value", "description"], rows: [
                [.int(1), .text("air_temperature"), .text("degC"), .double(-90), .double(60), .text("Air temperature at 2 m")],
                [.int(2), .text("relative_humidity"), .text("%"), .double(0), .double(100), .null],
                [.int(3), .text("pressure"), .text("hPa"), .double(850), .double(1090), .text("Station-level pressure")],
                [.int(4), .text("wind_speed"), .text("m/s"), .double(0), .double(110), .null],
                [.int(5), .text("wind_direction"), .text("deg"), .double(0), .double(360), .null],
                [.int(6), .text("precipitation"), .text("mm"), .double(0), .null, .text("Accumulated since the last report")],
                [.int(7), .text("soil_moisture"), .text("m3/m3"), .double(0), .double(0.6), .null],
                [.int(8), .text("water_level"), .text("m"), .null, .null, .text("Relative to the local datum")],
            ]),
        ]),
        .init(slug: "sensors", steps: [
            .table(Table(name: "sensors", columns: [
                C.int("id", .notNull), C.ref("station_id", "stations", "CASCADE", .notNull),
                C.ref("sensor_kind_id", "sensor_kinds", "RESTRICT", .notNull), C.text("serial_number", .notNull, .unique),
                C.double("height_m"), C.timestamp("calibrated_at"), C.bool("active", .notNull), C.json("calibration"),
            ], indexes: [["station_id"], ["sensor_kind_id"]])),
        ]),
        .init(slug: "observations", steps: [
            .table(Table(name: "observations", columns: [
                C.int("id", .notNull), C.ref("sensor_id", "sensors", "CASCADE", .notNull), C.timestamp("observed_at", .notNull),
                C.double("value", .notNull), C.int("quality_flag"), C.bool("is_estimate", .notNull), C.json("raw"),
            ], indexes: [["observed_at"]], uniques: [["sensor_id", "observed_at"]])),
        ]),
        .init(slug: "station_notes", steps: [
            .addColumns(table: "stations", [C.text("notes"), C.timestamp("decommissioned_at")]),
        ]),
        .init(slug: "maintenance_visits", steps: [
            .table(Table(name: "maintenance_visits", columns: [
                C.int("id", .notNull), C.ref("station_id", "stations", "CASCADE", .notNull), C.ref("user_id", "users", "SET NULL"),
                C.timestamp("visited_at", .notNull), C.int("duration_minutes"), C.bool("successful", .notNull),
                C.json("report"), C.text("summary"),
            ], indexes: [["station_id", "visited_at"], ["user_id"]])),
        ]),
        .init(slug: "alert_rules", steps: [
            .table(Table(name: "alert_rules", columns: [
                C.int("id", .notNull), C.ref("sensor_kind_id", "sensor_kinds", "CASCADE", .notNull), C.text("name", .notNull),
                C.double("threshold", .notNull), C.text("comparison", .notNull, .oneOf(["above", "below", "equal"])),
                C.bool("enabled", .notNull), C.timestamp("created_at", .notNull), C.json("options"),
            ], indexes: [["sensor_kind_id"]])),
        ]),
        .init(slug: "alerts", steps: [
            .table(Table(name: "alerts", columns: [
                C.int("id", .notNull), C.ref("alert_rule_id", "alert_rules", "CASCADE", .notNull),
                C.ref("observation_id", "observations", "SET NULL"), C.timestamp("raised_at", .notNull),
                C.bool("acknowledged", .notNull), C.ref("acknowledged_by", "users", "SET NULL"), C.json("payload", .notNull),
            ], indexes: [["alert_rule_id", "raised_at"], ["observation_id"], ["acknowledged_by"]])),
        ]),
        .init(slug: "field_sites", steps: [
            .table(Table(name: "field_sites", columns: [
                C.int("id", .notNull), C.ref("organisation_id", "organisations", "CASCADE", .notNull), C.text("name", .notNull),
                C.text("habitat"), C.double("area_ha"), C.bool("protected", .notNull), C.timestamp("surveyed_at"), C.json("attributes"),
            ], point: ("centroid", false), indexes: [["organisation_id"]], uniques: [["organisation_id", "name"]])),
        ]),
        .init(slug: "species", steps: [
            .table(Table(name: "species", columns: [
                C.int("id", .notNull), C.text("scientific_name", .notNull, .unique), C.text("common_name"),
                C.text("family", .notNull), C.bool("protected", .notNull), C.timestamp("added_at", .notNull), C.json("traits"),
            ], indexes: [["family"]])),
            .seed(table: "species", columns: ["id", "scientific_name", "common_name", "family", "protected", "added_at", "traits"], rows: [
                [.int(1), .text("Lynx lynx"), .text("Eurasian lynx"), .text("Felidae"), .bool(true), .timestamp("2024-01-02T03:04:05"), .json(#"{"diet":"carnivore"}"#)],
                [.int(2), .text("Alces alces"), .text("Moose"), .text("Cervidae"), .bool(false), .timestamp("2024-01-02T03:04:05"), .null],
                [.int(3), .text("Aquila chrysaetos"), .text("Golden eagle"), .text("Accipitridae"), .bool(true), .timestamp("2024-01-02T03:04:05"), .json(#"{"wingspan_m":2.2}"#)],
                [.int(4), .text("Salmo salar"), .text("Atlantic salmon"), .text("Salmonidae"), .bool(true), .timestamp("2024-02-10T10:00:00"), .null],
                [.int(5), .text("Vulpes vulpes"), .text("Red fox"), .text("Canidae"), .bool(false), .timestamp("2024-02-10T10:00:00"), .null],
                [.int(6), .text("Bufo bufo"), .null, .text("Bufonidae"), .bool(false), .timestamp("2024-02-10T10:00:00"), .json("{}")],
            ]),
        ]),
        .init(slug: "sightings", steps: [
            .table(Table(name: "sightings", columns: [
                C.int("id", .notNull), C.ref("species_id", "species", "RESTRICT", .notNull), C.ref("user_id", "users", "SET NULL"),
                C.ref("site_id", "field_sites", "SET NULL"), C.timestamp("seen_at", .notNull), C.int("count", .notNull),
                C.bool("confirmed", .notNull), C.json("details"),
            ], point: ("location", true), indexes: [["species_id", "seen_at"], ["user_id"], ["site_id"]],
               checks: [("sightings_count_check", #""count" > 0"#)])),
        ]),
        .init(slug: "user_contact", steps: [
            .addColumns(table: "users", [C.text("phone"), C.bool("verified", .notNull, .defaultFalse)]),
        ]),
        .init(slug: "devices", steps: [
            .table(Table(name: "devices", columns: [
                C.int("id", .notNull), C.ref("user_id", "users", "CASCADE", .notNull),
                C.text("platform", .notNull, .oneOf(["ios", "android", "web"])), C.text("push_token", .unique),
                C.timestamp("registered_at", .notNull), C.timestamp("last_seen_at"), C.bool("enabled", .notNull), C.json("capabilities"),
            ], indexes: [["user_id"]])),
        ]),
        .init(slug: "api_keys", steps: [
            .table(Table(name: "api_keys", columns: [
                C.int("id", .notNull), C.ref("organisation_id", "organisations", "CASCADE", .notNull), C.text("label", .notNull),
                C.text("key_hash", .notNull, .unique), C.timestamp("created_at", .notNull), C.timestamp("expires_at"),
                C.bool("revoked", .notNull), C.json("scopes"),
            ], indexes: [["organisation_id"]])),
        ]),
        .init(slug: "audit_log", steps: [
            .table(Table(name: "audit_log", columns: [
                C.int("id", .notNull), C.ref("user_id", "users", "SET NULL"), C.text("action", .notNull), C.text("entity", .notNull),
                C.int("entity_id"), C.timestamp("occurred_at", .notNull), C.json("details"),
            ], indexes: [["occurred_at"], ["entity", "entity_id"], ["user_id"]])),
        ]),
        .init(slug: "station_status_view", steps: [
            .view(name: "station_status", select: """
                SELECT s."id" AS "id", s."code" AS "code", s."name" AS "name", n."code" AS "network_code",
                       o."name" AS "organisation", s."active" AS "active", s."installed_at" AS "installed_at"
                FROM "stations" AS s
                JOIN "networks" AS n ON n."id" = s."network_id"
                JOIN "organisations" AS o ON o."id" = n."organisation_id"
                WHERE s."decommissioned_at" IS NULL
                """),
        ]),
        .init(slug: "observation_provenance", steps: [
            .addColumns(table: "observations", [C.timestamp("ingested_at"), C.text("source")]),
        ]),
        .init(slug: "watersheds", steps: [
            .table(Table(name: "watersheds", columns: [
                C.int("id", .notNull), C.text("code", .notNull, .unique), C.text("name", .notNull), C.double("area_km2", .notNull),
                C.double("outlet_elevation_m"), C.bool("managed", .notNull), C.timestamp("updated_at"), C.json("extra"),
            ], point: ("outlet", true))),
            .seed(table: "watersheds", columns: ["id", "code", "name", "area_km2", "managed", "updated_at", "outlet"], rows: [
                [.int(1), .text("GLOMMA"), .text("Glomma"), .double(41_917), .bool(true), .timestamp("2023-05-05T00:00:00"), .point(x: 10.9386, y: 59.2050)],
                [.int(2), .text("RHONE"), .text("Rhône"), .double(98_000), .bool(true), .null, .point(x: 4.8455, y: 43.3300)],
                [.int(3), .text("TAGUS"), .text("Tagus"), .double(80_100), .bool(false), .timestamp("2022-12-31T23:59:59"), .point(x: -9.3000, y: 38.6833)],
                [.int(4), .text("SPEY"), .text("River Spey"), .double(3_008), .bool(true), .null, .point(x: -3.0950, y: 57.6700)],
            ]),
        ]),
        .init(slug: "station_watersheds", steps: [
            .table(Table(name: "station_watersheds", columns: [
                C.ref("station_id", "stations", "CASCADE", .notNull), C.ref("watershed_id", "watersheds", "CASCADE", .notNull),
                C.timestamp("assigned_at", .notNull), C.bool("primary_basin", .notNull), C.double("confidence"), C.text("note"),
            ], primaryKey: ["station_id", "watershed_id"], indexes: [["watershed_id"]])),
        ]),
        .init(slug: "reports", steps: [
            .table(Table(name: "reports", columns: [
                C.int("id", .notNull), C.ref("organisation_id", "organisations", "CASCADE", .notNull), C.text("title", .notNull),
                C.timestamp("period_start", .notNull), C.timestamp("period_end", .notNull), C.bool("published", .notNull),
                C.timestamp("generated_at"), C.json("body"),
            ], indexes: [["organisation_id", "period_start"]],
               checks: [("reports_period_check", #""period_end" >= "period_start""#)])),
        ]),
        .init(slug: "report_subscriptions", steps: [
            .table(Table(name: "report_subscriptions", columns: [
                C.int("id", .notNull), C.ref("report_id", "reports", "CASCADE", .notNull), C.ref("user_id", "users", "CASCADE", .notNull),
                C.text("channel", .notNull, .oneOf(["email", "push", "webhook"])), C.bool("active", .notNull),
                C.timestamp("created_at", .notNull), C.json("filters"),
            ], indexes: [["user_id"]], uniques: [["report_id", "user_id", "channel"]])),
        ]),
        .init(slug: "more_reference_data", steps: [
            .seed(table: "sensor_kinds", columns: ["id", "code", "unit", "min_value", "max_value", "description"], rows: [
                [.int(9), .text("snow_depth"), .text("cm"), .double(0), .double(1500), .null],
                [.int(10), .text("solar_radiation"), .text("W/m2"), .double(0), .double(1500), .text("Global horizontal irradiance")],
                [.int(11), .text("water_temperature"), .text("degC"), .double(-2), .double(40), .null],
            ]),
            .seed(table: "species", columns: ["id", "scientific_name", "common_name", "family", "protected", "added_at", "traits"], rows: [
                [.int(7), .text("Castor fiber"), .text("Eurasian beaver"), .text("Castoridae"), .bool(true), .timestamp("2024-06-01T00:00:00"), .null],
                [.int(8), .text("Lutra lutra"), .text("Eurasian otter"), .text("Mustelidae"), .bool(true), .timestamp("2024-06-01T00:00:00"), .json(#"{"aquatic":true}"#)],
            ]),
        ]),
        .init(slug: "tags", steps: [
            .table(Table(name: "tags", columns: [
                C.int("id", .notNull), C.text("name", .notNull, .unique), C.text("color"), C.bool("system", .notNull),
                C.timestamp("created_at", .notNull),
            ])),
            .table(Table(name: "station_tags", columns: [
                C.ref("station_id", "stations", "CASCADE", .notNull), C.ref("tag_id", "tags", "CASCADE", .notNull),
                C.timestamp("tagged_at", .notNull), C.ref("tagged_by", "users", "SET NULL"), C.json("context"),
            ], primaryKey: ["station_id", "tag_id"], indexes: [["tag_id"], ["tagged_by"]])),
        ]),
        .init(slug: "data_exports", steps: [
            .table(Table(name: "data_exports", columns: [
                C.int("id", .notNull), C.ref("user_id", "users", "CASCADE", .notNull), C.timestamp("requested_at", .notNull),
                C.timestamp("completed_at"), C.text("format", .notNull, .oneOf(["csv", "geojson", "parquet"])),
                C.int("row_count"), C.bool("succeeded"), C.json("parameters"),
            ], indexes: [["user_id", "requested_at"]])),
        ]),
        .init(slug: "calibration_runs", steps: [
            .table(Table(name: "calibration_runs", columns: [
                C.int("id", .notNull), C.ref("sensor_id", "sensors", "CASCADE", .notNull), C.timestamp("started_at", .notNull),
                C.timestamp("finished_at"), C.double("offset_value"), C.double("gain"), C.bool("passed", .notNull), C.json("readings"),
            ], indexes: [["sensor_id", "started_at"]])),
        ]),
        .init(slug: "site_access", steps: [
            .addColumns(table: "field_sites", [C.text("owner"), C.text("access_notes"), C.bool("restricted", .notNull, .defaultFalse)]),
        ]),
        .init(slug: "quarantine_flags", steps: [
            .table(Table(name: "quarantine_flags", columns: [
                C.int("id", .notNull), C.ref("observation_id", "observations", "CASCADE", .notNull),
                C.ref("flagged_by", "users", "SET NULL"), C.timestamp("flagged_at", .notNull), C.text("reason", .notNull),
                C.bool("resolved", .notNull), C.json("resolution"),
            ], indexes: [["observation_id"], ["flagged_by"]])),
        ]),
    ]
}
