/**
 * The preset dictionary of compression format 1 (`compression.ts`). Deflate can refer back into it
 * from the first byte, which is what makes a 100-byte memory compress at all: without it, a short
 * text has nothing earlier to repeat. It is general English as people write notes about their
 * lives and work — function words, days, months, family, places, plans — written for Hearth,
 * not taken from the sample data. The most frequent words come last (deflate reaches them with
 * the shortest distances).
 *
 * FROZEN: every memory compressed with format 1 needs these exact bytes to open. A better
 * dictionary is format 2, with its own constant beside this one.
 */
export const DICTIONARY_V1 = [
  'January February March April May June July August September October November December ',
  'Monday Tuesday Wednesday Thursday Friday Saturday Sunday morning afternoon evening tonight ',
  'tomorrow yesterday weekend next week last week this week every day every week once a month ',
  'birthday anniversary holiday appointment deadline meeting dinner lunch breakfast coffee ',
  'mother father sister brother daughter son wife husband partner friend colleague manager team ',
  'doctor dentist school university office home house flat kitchen garden car train flight hotel ',
  'project report review plan budget invoice contract client customer release version update ',
  'email message phone call address number account password order booking ticket reservation ',
  'prefers likes loves enjoys hates dislikes allergic to vegetarian vegan coffee with milk tea ',
  "remember to remind me about don't forget important because usually always never sometimes ",
  'started finished moved changed decided agreed asked told said wants needs would like to ',
  'working on living in born in studying learning reading playing running walking cooking ',
  'at the end of the at the start of in the middle of as soon as possible before the after the ',
  'for the first time for a long time on the weekend in the evening in the morning at night ',
  'the name of the and the of the in the to the on the for the with the at the from the by the ',
  'about his her their our my your its which who what when where how that this these those ',
  'there is there are it is it was he is she is they are we are I am has have had been will be ',
  'was were can could should would may might must not no yes also just only more most very ',
  'and or but so if then than as because of to in on at for with from by about into over after ',
  'the a an is are was it he she they we you I this that of and to in ',
].join('')
