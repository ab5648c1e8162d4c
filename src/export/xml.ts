/**
 * XML escaping for a streaming writer. XML 1.0 cannot hold most control characters at all (not even
 * as &#x1;), nor lone surrogates or U+FFFE/U+FFFF: those become U+FFFD. Carriage returns, tabs and
 * newlines are kept as character references where a parser would otherwise normalize them away.
 * Pure string functions: the explorer bundles this file too.
 */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlText(value: string): string {
  return value.replace(NOT_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

export function xmlAttr(value: string): string {
  return xmlText(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}
