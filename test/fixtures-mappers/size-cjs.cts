// A CommonJS mapper (`module.exports = fn`): mapFiles loads CommonJS as well as ESM.
const size = (file: { readonly size: number }): number => file.size;
export = size;
