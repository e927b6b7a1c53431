export const svgNamespace = 'http://www.w3.org/2000/svg';
export const xhtmlNamespace = 'http://www.w3.org/1999/xhtml';
