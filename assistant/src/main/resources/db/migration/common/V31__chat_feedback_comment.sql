-- The optional comment a citizen leaves with a 👍/👎 rating (chat_turn.feedback, set by POST /api/v1/chat/feedback).
ALTER TABLE chat_turn ADD COLUMN feedback_comment VARCHAR(500);
