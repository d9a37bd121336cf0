-- CreateEnum
CREATE TYPE "TournamentKind" AS ENUM ('SNG', 'MTT');

-- CreateEnum
CREATE TYPE "TournamentStatus" AS ENUM ('REGISTERING', 'RUNNING', 'FINISHED', 'CANCELLING', 'CANCELLED');

-- CreateEnum
CREATE TYPE "TournamentEntryStatus" AS ENUM ('REGISTERED', 'UNREGISTERED', 'REFUNDED', 'PLAYING', 'ELIMINATED', 'FINISHED');

-- AlterEnum
ALTER TYPE "AccountKind" ADD VALUE 'PRIZE_POOL';

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "TransferKind" ADD VALUE 'TOURNAMENT_BUY_IN';
ALTER TYPE "TransferKind" ADD VALUE 'TOURNAMENT_FEE';
ALTER TYPE "TransferKind" ADD VALUE 'TOURNAMENT_REFUND';
ALTER TYPE "TransferKind" ADD VALUE 'TOURNAMENT_FEE_REFUND';
ALTER TYPE "TransferKind" ADD VALUE 'TOURNAMENT_OVERLAY';
ALTER TYPE "TransferKind" ADD VALUE 'TOURNAMENT_PRIZE';
ALTER TYPE "TransferKind" ADD VALUE 'TOURNAMENT_DEAL';

-- AlterTable
ALTER TABLE "accounts" ADD COLUMN     "tournament_id" UUID;

-- AlterTable
ALTER TABLE "transfers" ADD COLUMN     "tournament_entry_id" BIGINT,
ADD COLUMN     "tournament_id" UUID;

-- CreateTable
CREATE TABLE "tournaments" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" VARCHAR(64) NOT NULL,
    "kind" "TournamentKind" NOT NULL,
    "variant" "GameVariant" NOT NULL DEFAULT 'NT',
    "status" "TournamentStatus" NOT NULL DEFAULT 'REGISTERING',
    "buy_in" DECIMAL(20,8) NOT NULL,
    "fee" DECIMAL(20,8) NOT NULL,
    "guarantee" DECIMAL(20,8) NOT NULL DEFAULT 0,
    "chip_unit" DECIMAL(20,8) NOT NULL,
    "starting_chips" INTEGER NOT NULL,
    "table_size" INTEGER NOT NULL,
    "max_entries_per_player" INTEGER NOT NULL DEFAULT 1,
    "min_entrants" INTEGER NOT NULL,
    "max_entrants" INTEGER NOT NULL,
    "scheduled_start" TIMESTAMPTZ(6),
    "late_registration_level" INTEGER,
    "structure" JSONB NOT NULL,
    "payout_settings" JSONB NOT NULL,
    "overlay" DECIMAL(20,8),
    "state" JSONB,
    "state_version" BIGINT NOT NULL DEFAULT 0,
    "director_epoch" BIGINT NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(6),
    "registration_closed_at" TIMESTAMPTZ(6),
    "ended_at" TIMESTAMPTZ(6),

    CONSTRAINT "tournaments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tournament_entries" (
    "id" BIGSERIAL NOT NULL,
    "tournament_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "entry_number" INTEGER NOT NULL,
    "status" "TournamentEntryStatus" NOT NULL DEFAULT 'REGISTERED',
    "buy_in" DECIMAL(20,8) NOT NULL,
    "fee" DECIMAL(20,8) NOT NULL,
    "fee_shard" INTEGER NOT NULL,
    "finishing_place" INTEGER,
    "prize" DECIMAL(20,8),
    "deal_amount" DECIMAL(20,8),
    "registered_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ended_at" TIMESTAMPTZ(6),

    CONSTRAINT "tournament_entries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "tournaments_status_scheduled_start_idx" ON "tournaments"("status", "scheduled_start");

-- CreateIndex
CREATE INDEX "tournament_entries_tournament_id_status_idx" ON "tournament_entries"("tournament_id", "status");

-- CreateIndex
CREATE INDEX "tournament_entries_user_id_idx" ON "tournament_entries"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "tournament_entries_tournament_id_user_id_entry_number_key" ON "tournament_entries"("tournament_id", "user_id", "entry_number");

-- CreateIndex
CREATE UNIQUE INDEX "accounts_tournament_id_key" ON "accounts"("tournament_id");

-- CreateIndex
CREATE INDEX "transfers_tournament_id_kind_idx" ON "transfers"("tournament_id", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "transfers_tournament_entry_id_kind_key" ON "transfers"("tournament_entry_id", "kind");

-- AddForeignKey
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_tournament_id_fkey" FOREIGN KEY ("tournament_id") REFERENCES "tournaments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "transfers" ADD CONSTRAINT "transfers_tournament_id_fkey" FOREIGN KEY ("tournament_id") REFERENCES "tournaments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "transfers" ADD CONSTRAINT "transfers_tournament_entry_id_fkey" FOREIGN KEY ("tournament_entry_id") REFERENCES "tournament_entries"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tournament_entries" ADD CONSTRAINT "tournament_entries_tournament_id_fkey" FOREIGN KEY ("tournament_id") REFERENCES "tournaments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tournament_entries" ADD CONSTRAINT "tournament_entries_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
