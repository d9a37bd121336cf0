-- The rules of a running tournament's cancellation that Prisma's schema language cannot express. A
-- migration of its own: PostgreSQL lets no statement use an enum value (CANCELLED) in the
-- transaction that added it.

-- A cancel share is never negative, and an entry CANCELLED (paid out of a cancelled running
-- tournament) has one; it has no place.
ALTER TABLE "tournament_entries"
    ADD CONSTRAINT "tournament_entries_cancel_share_valid" CHECK (
        ("cancel_share" IS NULL OR "cancel_share" >= 0)
        AND ("status" <> 'CANCELLED' OR ("cancel_share" IS NOT NULL AND "finishing_place" IS NULL)));
