-- Drops the tables of 0001_initial, children first (their triggers and indexes go with them).
DROP TABLE "tasks";
DROP TABLE "messages";
DROP TABLE "conversations";
DROP TABLE "users";
