DROP TRIGGER "messages_are_immutable" ON "messages";
DROP FUNCTION "refuse_message_update"();
