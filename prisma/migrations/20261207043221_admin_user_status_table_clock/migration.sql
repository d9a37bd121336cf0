-- CreateEnum
CREATE TYPE "UserStatus" AS ENUM ('ACTIVE', 'DISABLED');

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "status" "UserStatus" NOT NULL DEFAULT 'ACTIVE';

-- AlterTable
ALTER TABLE "poker_tables" ADD COLUMN     "action_timeout_ms" INTEGER,
ADD COLUMN     "time_bank_ms" INTEGER;

-- A table's own clock, when set, is a positive number of milliseconds.
ALTER TABLE "poker_tables" ADD CONSTRAINT "poker_tables_clock_positive"
  CHECK (("action_timeout_ms" IS NULL OR "action_timeout_ms" > 0) AND ("time_bank_ms" IS NULL OR "time_bank_ms" >= 0));
