-- Buy-in, top-up and cash-out in ONE round trip each (src/ledger/transactions.ts: buyIn, topUp,
-- cashOut), as settle_hand does for a hand: the whole transaction is one of these functions, called
-- as one autocommit statement. Inside PL/pgSQL each statement takes a fresh snapshot (READ
-- COMMITTED), so the checks read the rows as locked and the final checks read them as written.
--
-- Locks are taken in the ledger's global order (ledger-statements.ts): accounts by ascending id,
-- seats by ascending id, then the table row (FOR SHARE: these operations never change it, and
-- settlements of the same table queue on its escrow account anyway). The rows locked are those the
-- interactive transactions locked before: the user's accounts and the table's; every seat of the
-- table for a buy-in (a user_id predicate would be checked against an older snapshot), the target
-- seat for a top-up or a cash-out.
--
-- The checks, their order, their codes and their messages are those of the TypeScript code they
-- replace; a refusal is returned as a value before anything is written. Amounts are formatted with
-- trim_scale, as Money.toFixed() formats them, so stored results and messages read as before. A
-- broken conservation after the writes raises, which undoes the whole call.

-- The first lock of a buy-in, a top-up or a cash-out: the user's accounts and the table's, in the
-- ledger's global order (ascending id), read as they are locked: the wallet and the escrow with
-- their balances, and the refusal to answer if either is missing (the caller gives it where its
-- order of checks puts it). One statement where a lock and two reads after it were three.
CREATE FUNCTION "ledger_lock_wallet_and_escrow"(
    p_user UUID,
    p_table UUID,
    OUT wallet_id BIGINT,
    OUT wallet_balance NUMERIC,
    OUT escrow_id BIGINT,
    OUT escrow_balance NUMERIC,
    OUT missing JSONB
) LANGUAGE plpgsql AS $$
DECLARE
    v_account RECORD;
BEGIN
    FOR v_account IN SELECT "id", "kind", "balance", "user_id", "table_id" FROM "accounts"
            WHERE "user_id" = p_user OR "table_id" = p_table ORDER BY "id" FOR NO KEY UPDATE LOOP
        IF v_account."kind" = 'WALLET' AND v_account."user_id" = p_user THEN
            wallet_id := v_account."id";
            wallet_balance := v_account."balance";
        ELSIF v_account."kind" = 'ESCROW' AND v_account."table_id" = p_table THEN
            escrow_id := v_account."id";
            escrow_balance := v_account."balance";
        END IF;
    END LOOP;
    missing := CASE
        WHEN wallet_id IS NULL THEN jsonb_build_object('ok', false, 'code', 'ledger/unknown-account',
            'message', 'this user has no wallet')
        WHEN escrow_id IS NULL THEN jsonb_build_object('ok', false, 'code', 'ledger/unknown-table',
            'message', 'no such table')
    END;
END;
$$;

-- What an earlier request under this idempotency key answers now: its stored result when the
-- request is the same (a replay), a refusal when it is not, NULL when the key is unused.
CREATE FUNCTION "ledger_replay"(p_key TEXT, p_hash TEXT) RETURNS JSONB LANGUAGE sql AS $$
    SELECT CASE WHEN "request_hash" = p_hash
        THEN jsonb_build_object('ok', true, 'replayed', true, 'result', "result")
        ELSE jsonb_build_object('ok', false, 'code', 'ledger/idempotency-conflict',
            'message', 'this idempotency key was used for a different request')
    END
    FROM "idempotency_records" WHERE "key" = p_key
$$;

-- The posting both functions end with, in one place: the idempotency key with its result (a twin
-- that committed the key although we hold the same locks makes the caller try again, and replay),
-- then, when money moves (p_transfer is not NULL), the transfer and both balances, each checked as
-- written against the balance the caller read under its lock. Raising undoes the whole call.
CREATE FUNCTION "ledger_post"(
    p_key TEXT,
    p_operation TEXT,
    p_hash TEXT,
    p_result JSONB,
    p_transfer BIGINT,
    p_kind TEXT,
    p_debit BIGINT,
    p_debit_balance NUMERIC,
    p_credit BIGINT,
    p_credit_balance NUMERIC,
    p_amount NUMERIC,
    p_user UUID,
    p_table UUID,
    p_hand INTEGER,
    p_seat INTEGER
) RETURNS VOID LANGUAGE plpgsql AS $$
DECLARE
    v_debit_after NUMERIC;
    v_credit_after NUMERIC;
BEGIN
    INSERT INTO "idempotency_records" ("key", "operation", "request_hash", "result")
        VALUES (p_key, p_operation, p_hash, p_result)
        ON CONFLICT ("key") DO NOTHING;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'idempotency key % was taken meanwhile', p_key USING ERRCODE = 'serialization_failure';
    END IF;
    IF p_transfer IS NULL THEN
        RETURN;
    END IF;
    INSERT INTO "transfers" ("id", "debit_account_id", "credit_account_id", "amount", "kind",
            "idempotency_key", "request_hash", "user_id", "table_id", "hand_number", "seat_no")
        VALUES (p_transfer, p_debit, p_credit, p_amount, p_kind::"TransferKind", p_key, p_hash,
            p_user, p_table, p_hand, p_seat);
    UPDATE "accounts" SET "balance" = "balance" - p_amount WHERE "id" = p_debit
        RETURNING "balance" INTO v_debit_after;
    UPDATE "accounts" SET "balance" = "balance" + p_amount WHERE "id" = p_credit
        RETURNING "balance" INTO v_credit_after;
    IF v_debit_after IS DISTINCT FROM p_debit_balance - p_amount
        OR v_credit_after IS DISTINCT FROM p_credit_balance + p_amount THEN
        RAISE EXCEPTION '% of % from account % to account % breaks conservation', p_kind, p_amount, p_debit, p_credit
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
END;
$$;

-- Wallet to the table's escrow, and the seat's new stack: a buy-in (p_kind 'BUY_IN': an empty seat,
-- one reserved for this user, or one whose reservation lapsed by p_now) or a top-up (p_kind
-- 'TOP_UP': the user's own seat, the stack at most the maximum buy-in). p_seat is NULL for a seat
-- number no table has.
CREATE FUNCTION "wallet_to_seat"(
    p_kind TEXT,
    p_table UUID,
    p_seat INTEGER,
    p_user UUID,
    p_amount NUMERIC,
    p_epoch BIGINT,
    p_now TIMESTAMPTZ,
    p_key TEXT,
    p_hash TEXT,
    p_lock_timeout TEXT
) RETURNS JSONB LANGUAGE plpgsql AS $$
DECLARE
    v_operation TEXT := CASE p_kind WHEN 'BUY_IN' THEN 'buyIn' ELSE 'topUp' END;
    v_table RECORD;
    v_table_found BOOLEAN;
    v_seat RECORD;
    v_replay JSONB;
    v_accounts RECORD;
    v_stack NUMERIC;
    v_stack_after NUMERIC;
    v_transfer BIGINT;
    v_result JSONB;
BEGIN
    IF p_kind NOT IN ('BUY_IN', 'TOP_UP') THEN
        RAISE EXCEPTION 'wallet_to_seat moves BUY_IN or TOP_UP, not %', p_kind;
    END IF;
    PERFORM set_config('lock_timeout', p_lock_timeout, true);

    SELECT * INTO v_accounts FROM "ledger_lock_wallet_and_escrow"(p_user, p_table);
    IF p_kind = 'BUY_IN' THEN
        PERFORM 1 FROM "seats" WHERE "table_id" = p_table ORDER BY "id" FOR NO KEY UPDATE;
    ELSE
        PERFORM 1 FROM "seats" WHERE "table_id" = p_table AND "seat_no" = p_seat ORDER BY "id"
            FOR NO KEY UPDATE;
    END IF;
    SELECT "status", "min_buy_in", "max_buy_in", "chip_unit", "max_seats", "owner_epoch"
        INTO v_table FROM "poker_tables" WHERE "id" = p_table FOR SHARE;
    v_table_found := FOUND;

    v_replay := "ledger_replay"(p_key, p_hash);
    IF v_replay IS NOT NULL THEN
        RETURN v_replay;
    END IF;

    IF NOT v_table_found THEN
        RETURN jsonb_build_object('ok', false, 'code', 'ledger/unknown-table', 'message', 'no such table');
    END IF;
    IF v_table."status" <> 'OPEN' THEN
        RETURN jsonb_build_object('ok', false, 'code', 'ledger/table-closed', 'message', 'this table is closed');
    END IF;
    IF p_epoch IS NOT NULL AND p_epoch <> v_table."owner_epoch" THEN
        RETURN jsonb_build_object('ok', false, 'code', 'ledger/stale-epoch', 'message',
            format('the table is owned at epoch %s, not %s', v_table."owner_epoch", p_epoch));
    END IF;
    SELECT "id", "user_id", "stack", "status", "reserved_until" INTO v_seat FROM "seats"
        WHERE "table_id" = p_table AND "seat_no" = p_seat;
    IF NOT FOUND THEN
        RETURN jsonb_build_object('ok', false, 'code', 'ledger/unknown-seat', 'message',
            format('this table has seats 1 to %s', v_table."max_seats"));
    END IF;

    IF p_kind = 'BUY_IN' THEN
        IF EXISTS (SELECT 1 FROM "seats" WHERE "table_id" = p_table AND "user_id" = p_user
                AND "seat_no" <> p_seat) THEN
            RETURN jsonb_build_object('ok', false, 'code', 'ledger/already-seated',
                'message', 'this user already holds another seat at this table');
        END IF;
        -- A reservation lapses at its instant, read to the millisecond as the clock (p_now) is.
        IF v_seat."status" <> 'EMPTY'
            AND NOT (v_seat."status" = 'RESERVED' AND v_seat."user_id" IS NOT DISTINCT FROM p_user)
            AND NOT (v_seat."status" = 'RESERVED' AND v_seat."reserved_until" IS NOT NULL
                AND date_trunc('milliseconds', v_seat."reserved_until") <= p_now) THEN
            IF v_seat."user_id" IS NOT DISTINCT FROM p_user THEN
                RETURN jsonb_build_object('ok', false, 'code', 'ledger/already-seated',
                    'message', 'this user already sits in this seat');
            END IF;
            RETURN jsonb_build_object('ok', false, 'code', 'ledger/seat-taken',
                'message', format('seat %s is taken', p_seat));
        END IF;
    ELSIF v_seat."user_id" IS DISTINCT FROM p_user OR v_seat."status" NOT IN ('SEATED', 'SITTING_OUT') THEN
        RETURN jsonb_build_object('ok', false, 'code', 'ledger/not-seated',
            'message', format('this user does not sit in seat %s', p_seat));
    END IF;
    IF mod(p_amount, v_table."chip_unit") <> 0 THEN
        RETURN jsonb_build_object('ok', false, 'code', 'ledger/invalid-amount', 'message',
            format('amounts at this table are multiples of %s', trim_scale(v_table."chip_unit")));
    END IF;
    IF p_kind = 'BUY_IN' THEN
        v_stack := p_amount;
        IF p_amount < v_table."min_buy_in" OR p_amount > v_table."max_buy_in" THEN
            RETURN jsonb_build_object('ok', false, 'code', 'ledger/buy-in-out-of-range', 'message',
                format('a buy-in here is between %s and %s', trim_scale(v_table."min_buy_in"),
                    trim_scale(v_table."max_buy_in")));
        END IF;
    ELSE
        v_stack := v_seat."stack" + p_amount;
        IF v_stack > v_table."max_buy_in" THEN
            RETURN jsonb_build_object('ok', false, 'code', 'ledger/buy-in-out-of-range', 'message',
                format('a stack here may not exceed %s', trim_scale(v_table."max_buy_in")));
        END IF;
    END IF;

    IF v_accounts.missing IS NOT NULL THEN
        RETURN v_accounts.missing;
    END IF;
    IF v_accounts.wallet_balance < p_amount THEN
        RETURN jsonb_build_object('ok', false, 'code', 'ledger/insufficient-funds',
            'message', 'the wallet holds less than that');
    END IF;

    -- The writes: the key with its result, the transfer, both balances and the seat.
    v_transfer := nextval('transfers_id_seq');
    v_result := jsonb_build_object('seat', p_seat, 'amount', trim_scale(p_amount)::text,
        'stack', trim_scale(v_stack)::text,
        'walletBalance', trim_scale(v_accounts.wallet_balance - p_amount)::text,
        'transferId', v_transfer::text);
    PERFORM "ledger_post"(p_key, v_operation, p_hash, v_result, v_transfer, p_kind,
        v_accounts.wallet_id, v_accounts.wallet_balance, v_accounts.escrow_id, v_accounts.escrow_balance,
        p_amount, p_user, p_table, NULL, p_seat);
    IF p_kind = 'BUY_IN' THEN
        UPDATE "seats" SET "user_id" = p_user, "stack" = v_stack, "status" = 'SEATED', "sitting" = "sitting" + 1,
                "reserved_until" = NULL, "leaving" = false, "updated_at" = now()
            WHERE "id" = v_seat."id"
            RETURNING "stack" INTO v_stack_after;
    ELSE
        UPDATE "seats" SET "stack" = v_stack, "updated_at" = now() WHERE "id" = v_seat."id"
            RETURNING "stack" INTO v_stack_after;
    END IF;

    -- The seat, checked as written (ledger_post checked both balances): it holds what it held plus
    -- what left the wallet (nothing before, for a buy-in: v_stack is the amount).
    IF v_stack_after IS DISTINCT FROM v_stack THEN
        RAISE EXCEPTION '% of % into seat % of table % breaks conservation', p_kind, p_amount, p_seat, p_table
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN jsonb_build_object('ok', true, 'replayed', false, 'result', v_result);
END;
$$;

-- Escrow to wallet for the seat's whole stack, and the seat is free. The idempotency key is
-- p_key_prefix (table, hand and seat) followed by the seat's `sitting` counter, read under its lock:
-- a player who leaves, sits down again and leaves before the next hand makes two cash-outs. A
-- closed table still pays out (cashing out is how a table is emptied). p_seat is NULL for a seat
-- number no table has.
CREATE FUNCTION "cash_out"(
    p_table UUID,
    p_seat INTEGER,
    p_user UUID,
    p_hand BIGINT,
    p_epoch BIGINT,
    p_key_prefix TEXT,
    p_hash TEXT,
    p_lock_timeout TEXT
) RETURNS JSONB LANGUAGE plpgsql AS $$
DECLARE
    v_table RECORD;
    v_table_found BOOLEAN;
    v_seat RECORD;
    v_seat_found BOOLEAN;
    v_key TEXT;
    v_replay JSONB;
    v_accounts RECORD;
    v_amount NUMERIC;
    v_stack_after NUMERIC;
    v_transfer BIGINT;
    v_result JSONB;
BEGIN
    PERFORM set_config('lock_timeout', p_lock_timeout, true);

    SELECT * INTO v_accounts FROM "ledger_lock_wallet_and_escrow"(p_user, p_table);
    SELECT "id", "user_id", "stack", "status", "sitting" INTO v_seat FROM "seats"
        WHERE "table_id" = p_table AND "seat_no" = p_seat FOR NO KEY UPDATE;
    v_seat_found := FOUND;
    SELECT "status", "max_seats", "owner_epoch", "hand_number"
        INTO v_table FROM "poker_tables" WHERE "id" = p_table FOR SHARE;
    v_table_found := FOUND;

    IF v_seat_found THEN
        v_key := p_key_prefix || v_seat."sitting";
        v_replay := "ledger_replay"(v_key, p_hash);
        IF v_replay IS NOT NULL THEN
            RETURN v_replay;
        END IF;
    END IF;

    IF NOT v_table_found THEN
        RETURN jsonb_build_object('ok', false, 'code', 'ledger/unknown-table', 'message', 'no such table');
    END IF;
    IF p_epoch IS NOT NULL AND p_epoch <> v_table."owner_epoch" THEN
        RETURN jsonb_build_object('ok', false, 'code', 'ledger/stale-epoch', 'message',
            format('the table is owned at epoch %s, not %s', v_table."owner_epoch", p_epoch));
    END IF;
    IF v_table."hand_number" <> p_hand THEN
        RETURN jsonb_build_object('ok', false, 'code', 'ledger/stale-hand', 'message',
            format('the table''s last hand is %s, not %s', v_table."hand_number", p_hand));
    END IF;
    IF NOT v_seat_found THEN
        RETURN jsonb_build_object('ok', false, 'code', 'ledger/unknown-seat', 'message',
            format('this table has seats 1 to %s', v_table."max_seats"));
    END IF;
    IF v_seat."user_id" IS DISTINCT FROM p_user OR v_seat."status" = 'EMPTY' THEN
        RETURN jsonb_build_object('ok', false, 'code', 'ledger/not-seated',
            'message', format('this user does not sit in seat %s', p_seat));
    END IF;
    IF v_accounts.missing IS NOT NULL THEN
        RETURN v_accounts.missing;
    END IF;
    v_amount := v_seat."stack";
    IF v_accounts.escrow_balance < v_amount THEN
        RETURN jsonb_build_object('ok', false, 'code', 'ledger/settlement-mismatch',
            'message', 'the escrow holds less than the seat: the table needs an audit');
    END IF;

    -- The writes: the key with its result, the transfer and both balances (none for an empty
    -- stack: the ledger refuses zero transfers), and the seat set free.
    IF v_amount > 0 THEN
        v_transfer := nextval('transfers_id_seq');
    END IF;
    v_result := jsonb_build_object('seat', p_seat, 'amount', trim_scale(v_amount)::text,
        'walletBalance', trim_scale(v_accounts.wallet_balance + v_amount)::text, 'transferId', v_transfer::text);
    PERFORM "ledger_post"(v_key, 'cashOut', p_hash, v_result, v_transfer, 'CASH_OUT', v_accounts.escrow_id,
        v_accounts.escrow_balance, v_accounts.wallet_id, v_accounts.wallet_balance, v_amount, p_user, p_table,
        CASE WHEN p_hand > 0 THEN p_hand::INTEGER END, p_seat);
    UPDATE "seats" SET "user_id" = NULL, "stack" = 0, "status" = 'EMPTY', "reserved_until" = NULL,
            "leaving" = false, "updated_at" = now()
        WHERE "id" = v_seat."id"
        RETURNING "stack" INTO v_stack_after;

    -- The seat, checked as written (ledger_post checked both balances): it holds nothing now.
    IF v_stack_after IS DISTINCT FROM 0 THEN
        RAISE EXCEPTION 'cash-out of seat % of table % breaks conservation', p_seat, p_table
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN jsonb_build_object('ok', true, 'replayed', false, 'result', v_result);
END;
$$;
