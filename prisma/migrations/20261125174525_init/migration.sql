-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('PLAYER', 'CASHIER', 'ADMIN');

-- CreateEnum
CREATE TYPE "AccountKind" AS ENUM ('WALLET', 'ESCROW', 'HOUSE', 'CASHIER');

-- CreateEnum
CREATE TYPE "TransferKind" AS ENUM ('DEPOSIT', 'WITHDRAWAL', 'BUY_IN', 'TOP_UP', 'CASH_OUT', 'RAKE', 'REFUND');

-- CreateEnum
CREATE TYPE "TableStatus" AS ENUM ('OPEN', 'CLOSED');

-- CreateEnum
CREATE TYPE "SeatStatus" AS ENUM ('EMPTY', 'RESERVED', 'SEATED', 'SITTING_OUT');

-- CreateEnum
CREATE TYPE "HandStatus" AS ENUM ('SETTLED', 'VOIDED');

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "username" VARCHAR(64) NOT NULL,
    "password_hash" TEXT NOT NULL,
    "role" "Role" NOT NULL DEFAULT 'PLAYER',
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sessions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "token_hash" TEXT NOT NULL,
    "user_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(6) NOT NULL,
    "revoked_at" TIMESTAMPTZ(6),

    CONSTRAINT "sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "accounts" (
    "id" BIGSERIAL NOT NULL,
    "kind" "AccountKind" NOT NULL,
    "user_id" UUID,
    "table_id" UUID,
    "shard" INTEGER,
    "balance" DECIMAL(20,8) NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "accounts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "transfers" (
    "id" BIGSERIAL NOT NULL,
    "debit_account_id" BIGINT NOT NULL,
    "credit_account_id" BIGINT NOT NULL,
    "amount" DECIMAL(20,8) NOT NULL,
    "kind" "TransferKind" NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "user_id" UUID,
    "table_id" UUID,
    "hand_number" INTEGER,
    "seat_no" INTEGER,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "transfers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "idempotency_records" (
    "key" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "result" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "idempotency_records_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "poker_tables" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" VARCHAR(64) NOT NULL,
    "small_blind" DECIMAL(20,8) NOT NULL,
    "big_blind" DECIMAL(20,8) NOT NULL,
    "ante" DECIMAL(20,8) NOT NULL DEFAULT 0,
    "min_buy_in" DECIMAL(20,8) NOT NULL,
    "max_buy_in" DECIMAL(20,8) NOT NULL,
    "chip_unit" DECIMAL(20,8) NOT NULL,
    "max_seats" INTEGER NOT NULL,
    "rake_basis_points" INTEGER NOT NULL DEFAULT 0,
    "rake_cap" DECIMAL(20,8) NOT NULL DEFAULT 0,
    "status" "TableStatus" NOT NULL DEFAULT 'OPEN',
    "owner_epoch" BIGINT NOT NULL DEFAULT 0,
    "hand_number" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "poker_tables_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "seats" (
    "id" BIGSERIAL NOT NULL,
    "table_id" UUID NOT NULL,
    "seat_no" INTEGER NOT NULL,
    "user_id" UUID,
    "stack" DECIMAL(20,8) NOT NULL DEFAULT 0,
    "status" "SeatStatus" NOT NULL DEFAULT 'EMPTY',
    "reserved_until" TIMESTAMPTZ(6),
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "seats_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "hands" (
    "id" BIGSERIAL NOT NULL,
    "table_id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "status" "HandStatus" NOT NULL,
    "owner_epoch" BIGINT NOT NULL,
    "deck_commitment" TEXT NOT NULL,
    "deck" TEXT NOT NULL,
    "salt" TEXT NOT NULL,
    "history" TEXT NOT NULL,
    "result" JSONB NOT NULL,
    "rake" DECIMAL(20,8) NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "hands_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_username_key" ON "users"("username");

-- CreateIndex
CREATE UNIQUE INDEX "sessions_token_hash_key" ON "sessions"("token_hash");

-- CreateIndex
CREATE INDEX "sessions_user_id_idx" ON "sessions"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "accounts_user_id_key" ON "accounts"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "accounts_table_id_key" ON "accounts"("table_id");

-- CreateIndex
CREATE UNIQUE INDEX "accounts_kind_shard_key" ON "accounts"("kind", "shard");

-- CreateIndex
CREATE UNIQUE INDEX "transfers_idempotency_key_key" ON "transfers"("idempotency_key");

-- CreateIndex
CREATE INDEX "transfers_debit_account_id_id_idx" ON "transfers"("debit_account_id", "id");

-- CreateIndex
CREATE INDEX "transfers_credit_account_id_id_idx" ON "transfers"("credit_account_id", "id");

-- CreateIndex
CREATE INDEX "seats_user_id_idx" ON "seats"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "seats_table_id_seat_no_key" ON "seats"("table_id", "seat_no");

-- CreateIndex
CREATE UNIQUE INDEX "seats_table_id_user_id_key" ON "seats"("table_id", "user_id");

-- CreateIndex
CREATE UNIQUE INDEX "hands_table_id_number_key" ON "hands"("table_id", "number");

-- AddForeignKey
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_table_id_fkey" FOREIGN KEY ("table_id") REFERENCES "poker_tables"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "transfers" ADD CONSTRAINT "transfers_debit_account_id_fkey" FOREIGN KEY ("debit_account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "transfers" ADD CONSTRAINT "transfers_credit_account_id_fkey" FOREIGN KEY ("credit_account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "seats" ADD CONSTRAINT "seats_table_id_fkey" FOREIGN KEY ("table_id") REFERENCES "poker_tables"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "seats" ADD CONSTRAINT "seats_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "hands" ADD CONSTRAINT "hands_table_id_fkey" FOREIGN KEY ("table_id") REFERENCES "poker_tables"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------
-- Added by hand: rules Prisma's schema language cannot express. Money must never be created or
-- destroyed by a bug, so the database itself refuses the states that would mean it was.
-- ---------------------------------------------------------------------------------------------

-- Only the cashier (the outside world) may go negative.
ALTER TABLE "accounts"
    ADD CONSTRAINT "accounts_balance_non_negative" CHECK ("kind" = 'CASHIER' OR "balance" >= 0),
    ADD CONSTRAINT "accounts_owner_matches_kind" CHECK (
        ("kind" = 'WALLET' AND "user_id" IS NOT NULL AND "table_id" IS NULL AND "shard" IS NULL)
        OR ("kind" = 'ESCROW' AND "table_id" IS NOT NULL AND "user_id" IS NULL AND "shard" IS NULL)
        OR ("kind" IN ('HOUSE', 'CASHIER') AND "shard" >= 0 AND "user_id" IS NULL AND "table_id" IS NULL)
    );

ALTER TABLE "transfers"
    ADD CONSTRAINT "transfers_amount_positive" CHECK ("amount" > 0),
    ADD CONSTRAINT "transfers_distinct_accounts" CHECK ("debit_account_id" <> "credit_account_id"),
    ADD CONSTRAINT "transfers_hand_number_positive" CHECK ("hand_number" IS NULL OR "hand_number" > 0);

ALTER TABLE "poker_tables"
    ADD CONSTRAINT "poker_tables_max_seats_range" CHECK ("max_seats" BETWEEN 2 AND 10),
    ADD CONSTRAINT "poker_tables_blinds_valid" CHECK ("small_blind" > 0 AND "big_blind" >= "small_blind" AND "ante" >= 0),
    ADD CONSTRAINT "poker_tables_chip_unit_positive" CHECK ("chip_unit" > 0),
    ADD CONSTRAINT "poker_tables_buy_in_range_valid" CHECK ("min_buy_in" > 0 AND "max_buy_in" >= "min_buy_in"),
    ADD CONSTRAINT "poker_tables_rake_valid" CHECK ("rake_basis_points" BETWEEN 0 AND 10000 AND "rake_cap" >= 0),
    ADD CONSTRAINT "poker_tables_counters_non_negative" CHECK ("owner_epoch" >= 0 AND "hand_number" >= 0);

-- An empty seat holds no user and no chips; an occupied seat always names its user.
ALTER TABLE "seats"
    ADD CONSTRAINT "seats_stack_non_negative" CHECK ("stack" >= 0),
    ADD CONSTRAINT "seats_seat_no_range" CHECK ("seat_no" BETWEEN 1 AND 10),
    ADD CONSTRAINT "seats_occupancy_consistent" CHECK (
        ("status" = 'EMPTY' AND "user_id" IS NULL AND "stack" = 0)
        OR ("status" <> 'EMPTY' AND "user_id" IS NOT NULL)
    );

ALTER TABLE "hands"
    ADD CONSTRAINT "hands_number_positive" CHECK ("number" > 0),
    ADD CONSTRAINT "hands_rake_non_negative" CHECK ("rake" >= 0);

-- The ledger is append-only: a correction is a new transfer, never an edit.
CREATE FUNCTION "reject_ledger_rewrite"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'table % is append-only: % rejected', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$;

CREATE TRIGGER "transfers_append_only" BEFORE UPDATE OR DELETE ON "transfers"
    FOR EACH ROW EXECUTE FUNCTION "reject_ledger_rewrite"();
CREATE TRIGGER "transfers_no_truncate" BEFORE TRUNCATE ON "transfers"
    FOR EACH STATEMENT EXECUTE FUNCTION "reject_ledger_rewrite"();
CREATE TRIGGER "idempotency_records_append_only" BEFORE UPDATE OR DELETE ON "idempotency_records"
    FOR EACH ROW EXECUTE FUNCTION "reject_ledger_rewrite"();

-- Every user has exactly one wallet from the moment it exists, whoever inserts the user.
-- (Triggers are restored after the data by pg_restore, so a restore does not open wallets twice.)
CREATE FUNCTION "open_wallet_for_new_user"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO "accounts" ("kind", "user_id") VALUES ('WALLET', NEW."id");
    RETURN NEW;
END;
$$;

CREATE TRIGGER "users_open_wallet" AFTER INSERT ON "users"
    FOR EACH ROW EXECUTE FUNCTION "open_wallet_for_new_user"();

-- The house and the cashier are split into 16 shards each (see src/ledger/accounts.ts) so that
-- deposits and rake do not all queue behind one row lock.
INSERT INTO "accounts" ("kind", "shard")
SELECT "kind"::"AccountKind", "shard"
FROM (VALUES ('HOUSE'), ('CASHIER')) AS "kinds" ("kind")
CROSS JOIN generate_series(0, 15) AS "shard";
