import type { z } from 'zod';

/**
 * Validators generated from the protocol's zod schemas, for the bots' hot path.
 *
 * A bot checks every message it receives (src/protocol/server-message-schemas.ts, strict objects),
 * and zod's `safeParse` was a fifth of a bot process's CPU at full speed: it copies every object and
 * array it checks into a new output. The protocol's schemas only check (no transform, no default,
 * no stripped key), so the input is its own output: the generated function walks the schema's
 * definition once, at start, into straight-line JavaScript that reads the message and allocates
 * nothing unless it fails. There is still one description of the protocol, the zod schemas; a
 * schema kind or check this compiler does not know is refused when it compiles, never skipped
 * (test/unit/bots-compiled-validator.test.ts holds its verdicts to zod's on real and mutated
 * messages).
 */

/** Null when `value` is valid; else where and why it is not ("hand.players.2.stack: ..."). */
export type CompiledValidator = (value: unknown) => string | null;

/** The parts of zod 4's internal definitions the compiler reads. */
interface Def {
  readonly type: string;
  readonly checks?: readonly { readonly _zod: { readonly def: CheckDef } }[];
  readonly innerType?: Schema;
  readonly element?: Schema;
  readonly shape?: Readonly<Record<string, Schema>>;
  readonly catchall?: Schema;
  readonly keyType?: Schema;
  readonly valueType?: Schema;
  readonly options?: readonly Schema[];
  readonly discriminator?: string;
  readonly entries?: Readonly<Record<string, string | number>>;
  readonly values?: readonly unknown[];
  /** A string format schema (z.uuid()) is its own check. */
  readonly check?: string;
  readonly format?: string;
  readonly pattern?: RegExp;
}
interface CheckDef {
  readonly check: string;
  readonly format?: string;
  readonly pattern?: RegExp;
  readonly maximum?: number;
  readonly minimum?: number;
  readonly length?: number;
  readonly value?: number;
  readonly inclusive?: boolean;
  readonly fn?: (value: unknown) => unknown;
}
interface Schema {
  readonly _zod: { readonly def: Def };
}

/** Generates the checking code of one schema; `ext` holds the regexes, sets and refinements it uses. */
class Generator {
  readonly ext: unknown[] = [];
  private names = 0;

  fresh(prefix: string): string {
    this.names += 1;
    return `${prefix}${this.names}`;
  }

  private external(value: unknown): string {
    this.ext.push(value);
    return `ext[${this.ext.length - 1}]`;
  }

  private fail(path: string, message: string): string {
    return `return ${path} + ${JSON.stringify(`: ${message}`)};`;
  }

  /** Statements that return a description when `v` (a variable) does not satisfy `schema`. */
  check(schema: Schema, v: string, path: string): string {
    const def = schema._zod.def;
    switch (def.type) {
      case 'string':
        return `if (typeof ${v} !== 'string') ${this.fail(path, 'expected a string')}\n${this.formatOf(def, v, path)}${this.checks(def, v, path)}`;
      case 'number':
        return `if (typeof ${v} !== 'number' || !Number.isFinite(${v})) ${this.fail(path, 'expected a number')}\n${this.checks(def, v, path)}`;
      case 'boolean':
        return `if (typeof ${v} !== 'boolean') ${this.fail(path, 'expected a boolean')}\n`;
      case 'null':
        return `if (${v} !== null) ${this.fail(path, 'expected null')}\n`;
      case 'never':
        return this.fail(path, 'not allowed');
      case 'literal':
        return `if (${def.values!.map((value) => `${v} !== ${literal(value)}`).join(' && ')}) ${this.fail(path, 'unexpected value')}\n`;
      case 'enum':
        return `if (!${this.external(new Set(Object.values(def.entries!)))}.has(${v})) ${this.fail(path, 'not one of the values')}\n`;
      case 'nullable':
        return `if (${v} !== null) {\n${this.check(def.innerType!, v, path)}}\n`;
      case 'optional':
        return `if (${v} !== undefined) {\n${this.check(def.innerType!, v, path)}}\n`;
      case 'readonly':
        // zod freezes its output; the check is the inner schema's.
        return this.check(def.innerType!, v, path);
      case 'array':
        return this.array(def, v, path);
      case 'object':
        return this.object(def, v, path);
      case 'record':
        return this.record(def, v, path);
      case 'union':
        return this.union(def, v, path);
      default:
        throw new Error(`compiled validator: zod type '${def.type}' is not supported`);
    }
  }

  private formatOf(def: Def, v: string, path: string): string {
    if (def.check === undefined) return '';
    if (def.check !== 'string_format' || !def.pattern)
      throw new Error(`compiled validator: string check '${def.check}' is not supported`);
    return `if (!${this.external(def.pattern)}.test(${v})) ${this.fail(path, `not a valid ${def.format}`)}\n`;
  }

  private checks(def: Def, v: string, path: string): string {
    let code = '';
    for (const check of def.checks ?? []) code += this.checkOf(check._zod.def, v, path);
    return code;
  }

  private checkOf(check: CheckDef, v: string, path: string): string {
    switch (check.check) {
      case 'max_length':
        return `if (${v}.length > ${check.maximum}) ${this.fail(path, `longer than ${check.maximum}`)}\n`;
      case 'min_length':
        return `if (${v}.length < ${check.minimum}) ${this.fail(path, `shorter than ${check.minimum}`)}\n`;
      case 'length_equals':
        return `if (${v}.length !== ${check.length}) ${this.fail(path, `length is not ${check.length}`)}\n`;
      case 'string_format':
        if (!check.pattern) throw new Error(`compiled validator: format '${check.format}' has no pattern`);
        return `if (!${this.external(check.pattern)}.test(${v})) ${this.fail(path, `does not match ${check.pattern.source}`)}\n`;
      case 'number_format':
        if (check.format !== 'safeint')
          throw new Error(`compiled validator: number format '${check.format}' is not supported`);
        return `if (!Number.isSafeInteger(${v})) ${this.fail(path, 'expected an integer')}\n`;
      case 'greater_than':
        return `if (!(${v} ${check.inclusive ? '>=' : '>'} ${check.value})) ${this.fail(path, `below ${check.value}`)}\n`;
      case 'less_than':
        return `if (!(${v} ${check.inclusive ? '<=' : '<'} ${check.value})) ${this.fail(path, `above ${check.value}`)}\n`;
      case 'custom':
        return `if (${this.external(check.fn)}(${v}) !== true) ${this.fail(path, 'refinement failed')}\n`;
      default:
        throw new Error(`compiled validator: check '${check.check}' is not supported`);
    }
  }

  private array(def: Def, v: string, path: string): string {
    const i = this.fresh('i');
    const item = this.fresh('v');
    return (
      `if (!Array.isArray(${v})) ${this.fail(path, 'expected an array')}\n` +
      this.checks(def, v, path) +
      `for (let ${i} = 0; ${i} < ${v}.length; ${i}++) {\nconst ${item} = ${v}[${i}];\n` +
      `${this.check(def.element!, item, `${path} + '.' + ${i}`)}}\n`
    );
  }

  private object(def: Def, v: string, path: string): string {
    if (def.catchall?._zod.def.type !== 'never')
      throw new Error('compiled validator: only strict objects (their output is their input)');
    const shape = def.shape!;
    const keys = Object.keys(shape);
    const key = this.fresh('k');
    let code =
      `if (typeof ${v} !== 'object' || ${v} === null || Array.isArray(${v})) ${this.fail(path, 'expected an object')}\n` +
      `for (const ${key} in ${v}) if (!${this.external(new Set(keys))}.has(${key})) return ${path} + ': unknown key ' + JSON.stringify(${key}.slice(0, 40));\n`;
    for (const name of keys) {
      const field = this.fresh('v');
      const fieldSchema = shape[name]!;
      const fieldPath = `${path} + ${JSON.stringify(`.${name}`)}`;
      code += `const ${field} = ${v}[${JSON.stringify(name)}];\n`;
      // A missing key is undefined, which only an optional field accepts.
      code +=
        fieldSchema._zod.def.type === 'optional'
          ? this.check(fieldSchema, field, fieldPath)
          : `if (${field} === undefined) ${this.fail(fieldPath, 'missing')}\n${this.check(fieldSchema, field, fieldPath)}`;
    }
    return code;
  }

  private record(def: Def, v: string, path: string): string {
    const key = this.fresh('k');
    const item = this.fresh('v');
    const itemPath = `${path} + '.' + ${key}.slice(0, 40)`;
    return (
      `if (typeof ${v} !== 'object' || ${v} === null || Array.isArray(${v})) ${this.fail(path, 'expected an object')}\n` +
      `for (const ${key} in ${v}) {\n${this.check(def.keyType!, key, itemPath)}` +
      `const ${item} = ${v}[${key}];\n${this.check(def.valueType!, item, itemPath)}}\n`
    );
  }

  /**
   * A discriminated union picks its option by the discriminator's value (as zod does); another is
   * valid if one option is. Each option is checked by a function of its own.
   */
  private union(def: Def, v: string, path: string): string {
    const options = def.options!.map((option) => compileWithPath(option));
    const discriminator = def.discriminator;
    if (discriminator === undefined) {
      const calls = options.map((option) => `${this.external(option)}(${v}, ${path}) !== null`).join(' && ');
      return `if (${calls}) ${this.fail(path, 'matches no option')}\n`;
    }
    const byValue = new Map<unknown, ValidatorWithPath>();
    def.options!.forEach((option, index) => {
      const tag = option._zod.def.shape?.[discriminator]?._zod.def;
      if (tag?.type !== 'literal') throw new Error('compiled validator: a discriminator must be a literal');
      for (const value of tag.values!) byValue.set(value, options[index]!);
    });
    const chosen = this.fresh('o');
    const failure = this.fresh('f');
    return (
      `if (typeof ${v} !== 'object' || ${v} === null || Array.isArray(${v})) ${this.fail(path, 'expected an object')}\n` +
      `const ${chosen} = ${this.external(byValue)}.get(${v}[${JSON.stringify(discriminator)}]);\n` +
      `if (${chosen} === undefined) ${this.fail(`${path} + ${JSON.stringify(`.${discriminator}`)}`, 'no such option')}\n` +
      `const ${failure} = ${chosen}(${v}, ${path});\nif (${failure} !== null) return ${failure};\n`
    );
  }
}

function literal(value: unknown): string {
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return JSON.stringify(value);
  throw new Error(`compiled validator: literal ${String(value)} is not supported`);
}

type ValidatorWithPath = (value: unknown, path: string) => string | null;

function compileWithPath(schema: Schema): ValidatorWithPath {
  const generator = new Generator();
  const body = `${generator.check(schema, 'value', 'path')}return null;`;
  const build = new Function('ext', `return function validate(value, path) {\n${body}\n};`) as (
    ext: unknown[],
  ) => ValidatorWithPath;
  return build(generator.ext);
}

/** Compiles a zod schema (strict objects, checks only) into a function that only checks. */
export function compileValidator(schema: z.ZodType): CompiledValidator {
  const validate = compileWithPath(schema as unknown as Schema);
  return (value) => {
    // Paths are built from the root's "" as ".hand.players.2": the description drops the first dot.
    const failure = validate(value, '');
    if (failure === null) return null;
    return failure.startsWith('.') ? failure.slice(1) : `(root)${failure}`;
  };
}
