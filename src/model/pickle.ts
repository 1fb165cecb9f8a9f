/**
 * A reader of the pickle opcodes a `torch.save` state_dict uses (protocol 2, the subset torch's
 * own `weights_only` unpickler allows), building plain data: dicts, lists, tuples, numbers,
 * strings, and for each GLOBAL a marker with its name. Only the globals a state_dict needs are
 * accepted (ALLOWED_GLOBALS); any other stops the read with an error naming it. Nothing is
 * executed, imported or resolved: REDUCE and BUILD on an allowed global become a `Call` record
 * the caller interprets; persistent ids (torch's storages) become `PersistentId` records.
 */
import { ModelReadError } from './types.ts';

/** The globals of a state_dict: its dict type, the tensor and parameter rebuilders, the storage types. */
export const ALLOWED_GLOBALS = new Set([
  'collections.OrderedDict',
  'torch._utils._rebuild_tensor_v2',
  'torch._utils._rebuild_parameter',
  'torch.FloatStorage',
  'torch.HalfStorage',
  'torch.BFloat16Storage',
  'torch.DoubleStorage',
  'torch.LongStorage',
  'torch.IntStorage',
  'torch.ShortStorage',
  'torch.CharStorage',
  'torch.ByteStorage',
  'torch.BoolStorage',
]);

export class Global {
  constructor(readonly name: string) {}
}
export class Call {
  constructor(
    readonly fn: Global,
    readonly args: unknown[],
  ) {}
}
export class PersistentId {
  constructor(readonly id: unknown) {}
}

const MARK = Symbol('mark');

/** The opcodes read; anything else is an error naming the opcode. */
export function unpickle(bytes: Uint8Array, what = 'data.pkl'): unknown {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const stack: unknown[] = [];
  const memo = new Map<number, unknown>();
  let pos = 0;
  const need = (n: number) => {
    if (pos + n > bytes.length) throw new ModelReadError(`${what}: the pickle ends inside an opcode at byte ${pos}`);
  };
  const u8 = () => (need(1), bytes[pos++] as number);
  const u16 = () => (need(2), (pos += 2), view.getUint16(pos - 2, true));
  const i32 = () => (need(4), (pos += 4), view.getInt32(pos - 4, true));
  const u32 = () => (need(4), (pos += 4), view.getUint32(pos - 4, true));
  const text = (n: number, encoding: 'utf-8' | 'latin1' = 'utf-8') => {
    need(n);
    pos += n;
    return new TextDecoder(encoding).decode(bytes.subarray(pos - n, pos));
  };
  const line = () => {
    const end = bytes.indexOf(0x0a, pos);
    if (end < 0) throw new ModelReadError(`${what}: the pickle ends inside a GLOBAL name`);
    const s = new TextDecoder('latin1').decode(bytes.subarray(pos, end));
    pos = end + 1;
    return s;
  };
  const pop = () => {
    if (stack.length === 0) throw new ModelReadError(`${what}: the pickle pops an empty stack at byte ${pos}`);
    return stack.pop();
  };
  const popMark = (): unknown[] => {
    const at = stack.lastIndexOf(MARK);
    if (at < 0) throw new ModelReadError(`${what}: the pickle has no MARK to pop at byte ${pos}`);
    const items = stack.splice(at);
    items.shift();
    return items;
  };
  const top = () => stack[stack.length - 1];
  const setItems = (target: unknown, items: unknown[]) => {
    if (!(target instanceof Map)) throw new ModelReadError(`${what}: SETITEM(S) on something that is not a dict, at byte ${pos}`);
    for (let i = 0; i + 1 < items.length; i += 2) target.set(items[i], items[i + 1]);
  };
  for (;;) {
    const op = u8();
    switch (op) {
      case 0x80: // PROTO
        u8();
        break;
      case 0x95: // FRAME
        need(8);
        pos += 8;
        break;
      case 0x7d: // EMPTY_DICT
        stack.push(new Map());
        break;
      case 0x5d: // EMPTY_LIST
        stack.push([]);
        break;
      case 0x29: // EMPTY_TUPLE
        stack.push(Object.freeze([]));
        break;
      case 0x28: // MARK
        stack.push(MARK);
        break;
      case 0x71: // BINPUT
        memo.set(u8(), top());
        break;
      case 0x72: // LONG_BINPUT
        memo.set(u32(), top());
        break;
      case 0x94: // MEMOIZE
        memo.set(memo.size, top());
        break;
      case 0x68: // BINGET
      case 0x6a: {
        // LONG_BINGET
        const key = op === 0x68 ? u8() : u32();
        if (!memo.has(key)) throw new ModelReadError(`${what}: the pickle gets memo ${key}, never put`);
        stack.push(memo.get(key));
        break;
      }
      case 0x4b: // BININT1
        stack.push(u8());
        break;
      case 0x4d: // BININT2
        stack.push(u16());
        break;
      case 0x4a: // BININT
        stack.push(i32());
        break;
      case 0x8a: {
        // LONG1: a little-endian two's complement of n bytes
        const n = u8();
        need(n);
        let value = 0n;
        for (let i = n - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[pos + i] as number);
        if (n > 0 && (bytes[pos + n - 1] as number) & 0x80) value -= 1n << BigInt(8 * n);
        pos += n;
        if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER))
          throw new ModelReadError(`${what}: an integer in the pickle is larger than 2^53`);
        stack.push(Number(value));
        break;
      }
      case 0x47: // BINFLOAT (big-endian)
        need(8);
        pos += 8;
        stack.push(view.getFloat64(pos - 8, false));
        break;
      case 0x58: // BINUNICODE
        stack.push(text(u32()));
        break;
      case 0x8c: // SHORT_BINUNICODE
        stack.push(text(u8()));
        break;
      case 0x55: // SHORT_BINSTRING
        stack.push(text(u8(), 'latin1'));
        break;
      case 0x54: // BINSTRING
        stack.push(text(u32(), 'latin1'));
        break;
      case 0x4e: // NONE
        stack.push(null);
        break;
      case 0x88: // NEWTRUE
        stack.push(true);
        break;
      case 0x89: // NEWFALSE
        stack.push(false);
        break;
      case 0x85: // TUPLE1
        stack.push(Object.freeze([pop()]));
        break;
      case 0x86: {
        // TUPLE2
        const b = pop();
        stack.push(Object.freeze([pop(), b]));
        break;
      }
      case 0x87: {
        // TUPLE3
        const c = pop();
        const b = pop();
        stack.push(Object.freeze([pop(), b, c]));
        break;
      }
      case 0x74: // TUPLE
        stack.push(Object.freeze(popMark()));
        break;
      case 0x61: {
        // APPEND
        const item = pop();
        const list = top();
        if (!Array.isArray(list) || Object.isFrozen(list)) throw new ModelReadError(`${what}: APPEND to something that is not a list`);
        list.push(item);
        break;
      }
      case 0x65: {
        // APPENDS
        const items = popMark();
        const list = top();
        if (!Array.isArray(list) || Object.isFrozen(list)) throw new ModelReadError(`${what}: APPENDS to something that is not a list`);
        list.push(...items);
        break;
      }
      case 0x73: {
        // SETITEM
        const value = pop();
        const key = pop();
        setItems(top(), [key, value]);
        break;
      }
      case 0x75: // SETITEMS
        setItems(stack[stack.lastIndexOf(MARK) - 1], popMark());
        break;
      case 0x63: {
        // GLOBAL "module\nname\n"
        const name = `${line()}.${line()}`;
        if (!ALLOWED_GLOBALS.has(name))
          throw new ModelReadError(
            `${what}: the pickle names the global ${name}, which a state_dict does not use: refused, nothing executed`,
          );
        stack.push(new Global(name));
        break;
      }
      case 0x93: // STACK_GLOBAL
        throw new ModelReadError(`${what}: the pickle uses STACK_GLOBAL (protocol 4), which torch.save's state_dicts do not: refused`);
      case 0x51: // BINPERSID
        stack.push(new PersistentId(pop()));
        break;
      case 0x52: {
        // REDUCE: a call recorded, not made
        const args = pop();
        const fn = pop();
        if (!(fn instanceof Global) || !Array.isArray(args))
          throw new ModelReadError(`${what}: REDUCE on something that is not an allowed global`);
        stack.push(fn.name === 'collections.OrderedDict' ? new Map() : new Call(fn, [...args]));
        break;
      }
      case 0x62: {
        // BUILD: state set on an object; a rebuilt parameter's or tensor's state is ignored
        pop();
        break;
      }
      case 0x2e: // STOP
        if (stack.length !== 1) throw new ModelReadError(`${what}: the pickle stops with ${stack.length} items on its stack`);
        return stack[0];
      default:
        throw new ModelReadError(
          `${what}: the pickle uses opcode 0x${op.toString(16)} at byte ${pos - 1}, which a state_dict does not: refused`,
        );
    }
  }
}
