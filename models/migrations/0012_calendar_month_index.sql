-- A covering index for the calendar's month view (models/calendar_data.py): a month
-- of a big portfolio holds ten thousand meetings, numbered per day from this index
-- alone instead of reading each meeting's row (figures: docs/benchmarks.md).
CREATE INDEX idx_meetings_calendar ON meetings (starts_at, status, deleted);
