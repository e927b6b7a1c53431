/**
 * Offset of the first JSON syntax error in `text`, or −1 when it is valid JSON. Only called after
 * JSON.parse has failed, because V8's messages do not always carry a position.
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const n = text.length;
  const ws = () => {
    while (i < n && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  };
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else throw i;
  };
  const string = () => {
    i++; // opening quote
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) return void i++;
      if (c < 0x20) throw i;
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) throw i;
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else throw i;
      } else i++;
    }
    throw i;
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === '' || m[0] === '-') throw i;
    i += m[0].length;
  };
  // Iterative over an explicit stack of open containers so deep nesting cannot overflow.
  const stack: ('[' | '{')[] = [];
  const value = () => {
    ws();
    const c = text[i];
    if (c === '{' || c === '[') {
      stack.push(c);
      i++;
      ws();
      if (text[i] === (c === '{' ? '}' : ']')) {
        stack.pop();
        i++;
        return false;
      }
      if (c === '{') member();
      return true;
    }
    if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) number();
    else throw i;
    return false;
  };
  const member = () => {
    ws();
    if (text[i] !== '"') throw i;
    string();
    ws();
    if (text[i] !== ':') throw i;
    i++;
  };
  try {
    let opened = value();
    for (;;) {
      if (opened) {
        opened = value();
        continue;
      }
      ws();
      const top = stack[stack.length - 1];
      if (top === undefined) break;
      const c = text[i];
      if (c === ',') {
        i++;
        if (top === '{') member();
        opened = value();
      } else if (c === (top === '{' ? '}' : ']')) {
        stack.pop();
        i++;
      } else throw i;
    }
    ws();
    return i < n ? i : -1;
  } catch (at) {
    if (typeof at === 'number') return Math.min(at, n);
    throw at;
  }
}
