// yazl computes the CRC-32 of every ZIP entry with buffer-crc32, a byte-at-a-time JavaScript loop. Measured on a
// 100,000-member export (a 67 MB export.json) it was the largest single cost after the last response: ~270 ms of
// main-thread CPU in a 1.2 s tail. Node's zlib.crc32 (native, Node 20.15 and 22.2 on) gives the same values far
// faster. yazl looks up buffer-crc32's `unsigned` at each call, so pointing that one function at zlib.crc32 is
// enough; on a Node without zlib.crc32 the JavaScript loop stays.
//
// CommonJS on purpose: yazl `require`s buffer-crc32's CommonJS build, and an ESM `import` would get the package's
// ESM build, another copy that yazl never calls. Required from here it is yazl's own copy, unbundled and in the ncc
// bundle alike (test/unit/writers/zip-crc.test.ts checks both). Plain JavaScript syntax, because vitest loads
// this file without compiling TypeScript.
const zlib = require('node:zlib');
const crc32 = require('buffer-crc32');

if (typeof zlib.crc32 === 'function' && crc32.unsigned.name !== 'zlibCrc32') {
  const javascriptCrc32 = crc32.unsigned;
  crc32.unsigned = function zlibCrc32() {
    // (input, previous), read from `arguments` because this file has no type annotations (see above). yazl passes
    // bytes and a running number; anything else keeps buffer-crc32's own handling.
    const [input, previous] = arguments;
    return input instanceof Uint8Array && (previous === undefined || typeof previous === 'number')
      ? zlib.crc32(input, previous ?? 0)
      : javascriptCrc32.apply(null, arguments);
  };
}
