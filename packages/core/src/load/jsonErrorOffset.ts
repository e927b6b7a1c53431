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
    for (let k = 0; k < word.length; k++, i++) if (text[i] !== word[k]) throw i;
  };
  const string = () => {
    i++; // opening quote
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) return void i++;
      if (c < 0x20) throw i;
      if (c === 0x5c) {
        const e = text[i + 1];
        // Positions as V8 reports them: the bad escape letter, or the first non-hex digit of \u.
        if (e === 'u') {
          for (let k = i + 2; k < i + 6; k++) if (!/[0-9a-fA-F]/.test(text[k] ?? '')) throw k;
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else throw i + 1;
      } else i++;
    }
    throw i;
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) throw text[i] === '-' ? i + 1 : i;
    i += m[0].length;
    // A fraction or exponent without digits: V8 points just past the '.', 'e' or its sign.
    if (text[i] === '.') throw i + 1;
    if (text[i] === 'e' || text[i] === 'E') throw text[i + 1] === '+' || text[i + 1] === '-' ? i + 2 : i + 1;
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
