-- AlterEnum
ALTER TYPE "TransferKind" ADD VALUE 'TOURNAMENT_CANCEL_SHARE';

-- AlterEnum
ALTER TYPE "TournamentEntryStatus" ADD VALUE 'CANCELLED';

-- AlterTable
ALTER TABLE "tournament_entries" ADD COLUMN     "cancel_share" DECIMAL(20,8);
