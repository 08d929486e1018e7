-- Issue 14: the language a partner prefers (a meeting's generated agenda and its
-- packs use it), and how feedback reached the partner (phone, WeChat, in person,
-- e-mail) beside what was said.
ALTER TABLE partners ADD COLUMN language TEXT;
ALTER TABLE action_items ADD COLUMN feedback_channel TEXT;
