-- 0007_alerts_and_correlations (up, SQLite + SpatiaLite)
-- Alerts and correlations: subscriptions with an optional region polygon, the alerts sent to them
-- (ON DELETE CASCADE), and correlations linking any two events with a distance, a time gap and JSON evidence.

CREATE TABLE "alert_subscriptions" (
    "id" INTEGER NOT NULL,
    "token" UUID TEXT NOT NULL CONSTRAINT "alert_subscriptions_token_check" CHECK (length("token") = 36 AND "token" GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
    "subscriber_email" TEXT NOT NULL,
    "display_name" TEXT,
    "event_kind" TEXT NOT NULL CONSTRAINT "alert_subscriptions_event_kind_check" CHECK ("event_kind" IN ('any', 'earthquake', 'volcanic_eruption', 'solar_flare', 'geomagnetic_storm', 'eclipse', 'meteor_shower')),
    "min_magnitude" REAL,
    "active" BOOLEAN NOT NULL CONSTRAINT "alert_subscriptions_active_check" CHECK ("active" IN (0, 1)),
    "created_at" TIMESTAMP TEXT NOT NULL CONSTRAINT "alert_subscriptions_created_at_check" CHECK (length("created_at") = 27 AND "created_at" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    "last_notified_at" TIMESTAMP TEXT CONSTRAINT "alert_subscriptions_last_notified_at_check" CHECK (length("last_notified_at") = 27 AND "last_notified_at" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    "filters" JSON TEXT CONSTRAINT "alert_subscriptions_filters_check" CHECK ("filters" IS NULL OR json_valid("filters")),
    CONSTRAINT "alert_subscriptions_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "alert_subscriptions_token_key" UNIQUE ("token")
);
SELECT AddGeometryColumn('alert_subscriptions', 'region', 4326, 'POLYGON', 'XY', 0);
SELECT CreateSpatialIndex('alert_subscriptions', 'region');

CREATE TABLE "alerts" (
    "id" INTEGER NOT NULL,
    "subscription_id" INTEGER NOT NULL,
    "event_kind" TEXT NOT NULL CONSTRAINT "alerts_event_kind_check" CHECK ("event_kind" IN ('earthquake', 'volcanic_eruption', 'solar_flare', 'geomagnetic_storm', 'eclipse', 'meteor_shower')),
    "event_id" INTEGER NOT NULL,
    "severity" TEXT NOT NULL CONSTRAINT "alerts_severity_check" CHECK ("severity" IN ('info', 'advisory', 'watch', 'warning')),
    "issued_at" TIMESTAMP TEXT NOT NULL CONSTRAINT "alerts_issued_at_check" CHECK (length("issued_at") = 27 AND "issued_at" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    "delivered_at" TIMESTAMP TEXT CONSTRAINT "alerts_delivered_at_check" CHECK (length("delivered_at") = 27 AND "delivered_at" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    "acknowledged" BOOLEAN NOT NULL CONSTRAINT "alerts_acknowledged_check" CHECK ("acknowledged" IN (0, 1)),
    "payload" JSON TEXT NOT NULL CONSTRAINT "alerts_payload_check" CHECK ("payload" IS NULL OR json_valid("payload")),
    CONSTRAINT "alerts_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "alerts_subscription_id_event_kind_event_id_key" UNIQUE ("subscription_id", "event_kind", "event_id"),
    CONSTRAINT "alerts_subscription_id_fkey" FOREIGN KEY ("subscription_id") REFERENCES "alert_subscriptions" ("id") ON DELETE CASCADE
);

CREATE TABLE "event_correlations" (
    "id" INTEGER NOT NULL,
    "first_kind" TEXT NOT NULL CONSTRAINT "event_correlations_first_kind_check" CHECK ("first_kind" IN ('earthquake', 'volcanic_eruption', 'solar_flare', 'geomagnetic_storm', 'eclipse', 'meteor_shower', 'celestial_sign', 'celestial_body')),
    "first_id" INTEGER NOT NULL,
    "second_kind" TEXT NOT NULL CONSTRAINT "event_correlations_second_kind_check" CHECK ("second_kind" IN ('earthquake', 'volcanic_eruption', 'solar_flare', 'geomagnetic_storm', 'eclipse', 'meteor_shower', 'celestial_sign', 'celestial_body')),
    "second_id" INTEGER NOT NULL,
    "relation" TEXT NOT NULL CONSTRAINT "event_correlations_relation_check" CHECK ("relation" IN ('causal', 'temporal', 'spatial', 'same_event', 'same_body', 'folkloric')),
    "distance_km" REAL,
    "time_gap_seconds" INTEGER,
    "confidence" REAL,
    "evidence" JSON TEXT NOT NULL CONSTRAINT "event_correlations_evidence_check" CHECK ("evidence" IS NULL OR json_valid("evidence")),
    "computed_at" TIMESTAMP TEXT NOT NULL CONSTRAINT "event_correlations_computed_at_check" CHECK (length("computed_at") = 27 AND "computed_at" GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9][0-9][0-9][0-9]Z'),
    CONSTRAINT "event_correlations_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "event_correlations_pair_key" UNIQUE ("first_kind", "first_id", "second_kind", "second_id"),
    CONSTRAINT "event_correlations_distinct_check" CHECK ("first_kind" <> "second_kind" OR "first_id" <> "second_id"),
    CONSTRAINT "event_correlations_confidence_range_check" CHECK ("confidence" IS NULL OR ("confidence" >= 0 AND "confidence" <= 1))
);
CREATE INDEX "event_correlations_second_kind_second_id_idx" ON "event_correlations" ("second_kind", "second_id");
