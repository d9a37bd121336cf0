-- Rules of the tournament tables that Prisma's schema language cannot express. A migration of their
-- own: PostgreSQL lets no statement use an enum value (PRIZE_POOL, TOURNAMENT_OVERLAY) in the
-- transaction that added it, and each migration runs as one transaction.

-- A prize pool belongs to one tournament and to nothing else; nothing else names a tournament.
-- A house shard may now go negative: the house pays a guaranteed prize pool's overlay whether or not
-- that shard (or the house as a whole) has earned as much yet. Wallets, escrows and prize pools never.
ALTER TABLE "accounts"
    DROP CONSTRAINT "accounts_owner_matches_kind",
    DROP CONSTRAINT "accounts_balance_non_negative",
    ADD CONSTRAINT "accounts_balance_non_negative" CHECK ("kind" IN ('CASHIER', 'HOUSE') OR "balance" >= 0),
    ADD CONSTRAINT "accounts_owner_matches_kind" CHECK (
        ("kind" = 'WALLET' AND "user_id" IS NOT NULL AND "table_id" IS NULL AND "shard" IS NULL AND "tournament_id" IS NULL)
        OR ("kind" = 'ESCROW' AND "table_id" IS NOT NULL AND "user_id" IS NULL AND "shard" IS NULL AND "tournament_id" IS NULL)
        OR ("kind" IN ('HOUSE', 'CASHIER') AND "shard" >= 0 AND "user_id" IS NULL AND "table_id" IS NULL AND "tournament_id" IS NULL)
        OR ("kind" = 'PRIZE_POOL' AND "tournament_id" IS NOT NULL AND "user_id" IS NULL AND "table_id" IS NULL AND "shard" IS NULL)
    );

-- The house pays a tournament's overlay once.
CREATE UNIQUE INDEX "transfers_one_overlay_per_tournament" ON "transfers" ("tournament_id")
    WHERE "kind" = 'TOURNAMENT_OVERLAY';

-- A tournament transfer names its tournament, and every one but the overlay names its entry.
ALTER TABLE "transfers" ADD CONSTRAINT "transfers_tournament_kinds_named" CHECK (
    "kind"::text NOT LIKE 'TOURNAMENT\_%'
    OR ("tournament_id" IS NOT NULL AND ("kind" = 'TOURNAMENT_OVERLAY' OR "tournament_entry_id" IS NOT NULL))
);

ALTER TABLE "tournaments"
    ADD CONSTRAINT "tournaments_amounts_valid" CHECK (
        "buy_in" >= 0 AND "fee" >= 0 AND "guarantee" >= 0 AND "chip_unit" > 0
        AND ("overlay" IS NULL OR "overlay" >= 0)),
    ADD CONSTRAINT "tournaments_sizes_valid" CHECK (
        "starting_chips" > 0 AND "table_size" BETWEEN 2 AND 10 AND "max_entries_per_player" >= 1
        AND "min_entrants" >= 2 AND "max_entrants" >= "min_entrants"
        AND ("late_registration_level" IS NULL OR "late_registration_level" >= 1)),
    ADD CONSTRAINT "tournaments_counters_non_negative" CHECK ("state_version" >= 0 AND "director_epoch" >= 0);

-- The amounts an entry paid, its place and its prize are never negative; a player holds at most one
-- live entry (registered or playing) in a tournament at a time: a re-entry follows an elimination.
ALTER TABLE "tournament_entries"
    ADD CONSTRAINT "tournament_entries_amounts_valid" CHECK (
        "buy_in" >= 0 AND "fee" >= 0 AND "fee_shard" >= 0 AND "entry_number" >= 1
        AND ("finishing_place" IS NULL OR "finishing_place" >= 1)
        AND ("prize" IS NULL OR "prize" >= 0) AND ("deal_amount" IS NULL OR "deal_amount" > 0)),
    ADD CONSTRAINT "tournament_entries_place_when_over" CHECK (
        ("status" IN ('ELIMINATED', 'FINISHED')) = ("finishing_place" IS NOT NULL AND "prize" IS NOT NULL));
CREATE UNIQUE INDEX "tournament_entries_one_live_entry" ON "tournament_entries" ("tournament_id", "user_id")
    WHERE "status" IN ('REGISTERED', 'PLAYING');
