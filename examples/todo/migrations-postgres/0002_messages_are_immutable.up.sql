-- Messages are immutable: a trigger refuses every UPDATE of a row of messages, so the
-- statement fails and changes nothing. RAISE EXCEPTION without an ERRCODE raises SQLSTATE
-- P0001 (raise_exception), which Meridian reports as DatabaseError.Kind.raised with the
-- message below as its reason; SQLite's twin (RAISE(ABORT, …) in a trigger) gives the same
-- kind. Deleting a message, or its conversation, is allowed.
CREATE FUNCTION "refuse_message_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'messages are immutable';
END;
$$;

CREATE TRIGGER "messages_are_immutable" BEFORE UPDATE ON "messages"
    FOR EACH ROW EXECUTE FUNCTION "refuse_message_update"();
