// Byte values the votes.csv scanners compare against (ASCII), in one place.
export const COMMA = 44;
export const LF = 10;
export const CR = 13;
export const QUOTE = 34;
export const MINUS = 45;
export const ZERO = 48;
export const ONE = 49;
export const NINE = 57;
