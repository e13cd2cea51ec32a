DROP TRIGGER "messages_are_immutable";
