-- Drops the tables of 0001_initial, children first (their triggers and indexes go with them),
-- then the trigger function that keeps updated_at.
DROP TABLE "tasks";
DROP TABLE "messages";
DROP TABLE "conversations";
DROP TABLE "users";
DROP FUNCTION "set_updated_at"();
