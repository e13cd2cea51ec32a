-- Generated from schema.yaml by: meridian schema sql examples/todo/schema.yaml --dialect postgres
-- The statements below are that command's output, unchanged.

CREATE OR REPLACE FUNCTION "set_updated_at"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW."updated_at" IS NOT DISTINCT FROM OLD."updated_at" THEN
        NEW."updated_at" := now();
    END IF;
    RETURN NEW;
END;
$$;

CREATE TABLE "users" (
  "id" uuid NOT NULL DEFAULT (gen_random_uuid()),
  "email" text COLLATE "C" NOT NULL,
  "created_at" timestamptz NOT NULL DEFAULT (now()),
  "updated_at" timestamptz NOT NULL DEFAULT (now()),
  CONSTRAINT "users_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "users_email_key" UNIQUE ("email")
);

CREATE TRIGGER "users_set_updated_at" BEFORE UPDATE ON "users" FOR EACH ROW EXECUTE FUNCTION "set_updated_at"();

COMMENT ON TABLE "users" IS 'people who sign in; everything else belongs to one of them';

COMMENT ON COLUMN "users"."email" IS 'where the account''s mail goes; one account per address';

CREATE TABLE "conversations" (
  "id" uuid NOT NULL DEFAULT (gen_random_uuid()),
  "user_id" uuid NOT NULL,
  "created_at" timestamptz NOT NULL DEFAULT (now()),
  "updated_at" timestamptz NOT NULL DEFAULT (now()),
  CONSTRAINT "conversations_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "conversations_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE NO ACTION ON UPDATE NO ACTION
);

CREATE INDEX "conversations_user_id_idx" ON "conversations" ("user_id");

CREATE TRIGGER "conversations_set_updated_at" BEFORE UPDATE ON "conversations" FOR EACH ROW EXECUTE FUNCTION "set_updated_at"();

COMMENT ON TABLE "conversations" IS 'a user''s conversations with the assistant';

COMMENT ON COLUMN "conversations"."user_id" IS 'the user who started the conversation';

CREATE TABLE "messages" (
  "id" uuid NOT NULL DEFAULT (gen_random_uuid()),
  "conversation_id" uuid NOT NULL,
  "role" text COLLATE "C" NOT NULL CONSTRAINT "messages_role_check" CHECK ("role" IN ('user', 'assistant')),
  "content" text COLLATE "C" NOT NULL,
  "created_at" timestamptz NOT NULL DEFAULT (now()),
  CONSTRAINT "messages_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "messages_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversations" ("id") ON DELETE CASCADE ON UPDATE NO ACTION,
  CONSTRAINT "messages_content_check" CHECK (length("content") <= 5000)
);

CREATE INDEX "messages_conversation_id_idx" ON "messages" ("conversation_id");

COMMENT ON TABLE "messages" IS 'what was said in a conversation; messages are immutable (0002_messages_are_immutable refuses an UPDATE)';

COMMENT ON COLUMN "messages"."conversation_id" IS 'deleting the conversation deletes its messages';

COMMENT ON COLUMN "messages"."role" IS 'who wrote the message';

CREATE TABLE "tasks" (
  "id" uuid NOT NULL DEFAULT (gen_random_uuid()),
  "user_id" uuid NOT NULL,
  "title" text COLLATE "C" NOT NULL,
  "description" text COLLATE "C",
  "completed" boolean NOT NULL DEFAULT false,
  "created_at" timestamptz NOT NULL DEFAULT (now()),
  "updated_at" timestamptz NOT NULL DEFAULT (now()),
  CONSTRAINT "tasks_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "tasks_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE NO ACTION ON UPDATE NO ACTION,
  CONSTRAINT "tasks_title_check" CHECK (length("title") <= 200),
  CONSTRAINT "tasks_description_check" CHECK (length("description") <= 1000)
);

CREATE INDEX "tasks_user_id_idx" ON "tasks" ("user_id");

CREATE INDEX "tasks_title_idx" ON "tasks" ("title");

CREATE TRIGGER "tasks_set_updated_at" BEFORE UPDATE ON "tasks" FOR EACH ROW EXECUTE FUNCTION "set_updated_at"();

COMMENT ON TABLE "tasks" IS 'a user''s tasks, open or completed';

COMMENT ON COLUMN "tasks"."user_id" IS 'the user the task belongs to';

