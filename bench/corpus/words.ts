/** Common English and programming words: text built from them compresses like real text (gzip -6 ≈ 0.2–0.3). */
export const COMMON_WORDS: readonly string[] = (
  'the of and to a in is it you that he was for on are with as I his they be at one have this from or had by not ' +
  'word but what some we can out other were all there when up use your how said an each she which do their time if ' +
  'will way about many then them write would like so these her long make thing see him two has look more day could ' +
  'go come did number sound no most people my over know water than call first who may down side been now find any ' +
  'new work part take get place made live where after back little only round man year came show every good me give ' +
  'our under name very through just form sentence great think say help low line differ turn cause much mean before ' +
  'move right boy old too same tell does set three want air well also play small end put home read hand port large ' +
  'spell add even land here must big high such follow act why ask men change went light kind off need house picture ' +
  'try us again animal point mother world near build self earth father head stand own page should country found ' +
  'answer school grow study still learn plant cover food sun four between state keep eye never last let thought city'
).split(' ');

export const CODE_WORDS: readonly string[] = (
  'const let return function async await import export from if else for while new this null undefined true false ' +
  'string number boolean void interface type class extends implements public private readonly static throw try catch ' +
  'finally switch case break continue default typeof instanceof of in yield delete'
).split(' ');

export const IDENT_PARTS: readonly string[] = (
  'file path size data buffer stream read write open close handle error result value index count offset length ' +
  'options config state node list map set key item entry task pool worker job queue batch block chunk slot hash ' +
  'digest level format output input source target name mode time start end total bytes files dir parent child ' +
  'event signal abort progress status code message retry limit timeout cache store table row column user id'
).split(' ');

const SYLLABLES = 'ka lo mi re tu san dor vel quin bar tes mon pra li ul en or an is cre fu zo nel ter gra'.split(' ');

/** A longer, seeded vocabulary: common words first (most frequent), then synthesized rarer words. */
export function vocabulary(pick: (n: number) => number, extra: number): string[] {
  const words = [...COMMON_WORDS];
  for (let i = 0; i < extra; i += 1) {
    let w = '';
    const parts = 2 + pick(3);
    for (let p = 0; p < parts; p += 1) w += SYLLABLES[pick(SYLLABLES.length)] ?? 'x';
    words.push(w);
  }
  return words;
}
