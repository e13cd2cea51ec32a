-- Messages are immutable: a trigger refuses every UPDATE of a row of messages, so the
-- statement fails and changes nothing. RAISE(ABORT, …) ends the statement with
-- SQLITE_CONSTRAINT_TRIGGER, which Meridian reports as DatabaseError.Kind.raised with the
-- message below as its reason; PostgreSQL's twin (a PL/pgSQL trigger raising P0001) gives the
-- same kind. Deleting a message, or its conversation, is allowed.
CREATE TRIGGER "messages_are_immutable" BEFORE UPDATE ON "messages"
BEGIN
    SELECT RAISE(ABORT, 'messages are immutable');
END;
