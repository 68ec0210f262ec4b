import type { Domain } from './persona-profiles.ts'
import type { Random } from './random.ts'
import {
  CITIES,
  DISHES,
  dayMonth,
  FIRST_NAMES,
  LANGUAGES,
  MONTHS,
  PROJECTS,
  TIMES,
  WEEKDAYS,
} from './vocabulary.ts'

/** The details one conversation is about, chosen once so its messages agree with each other. */
export type ChatContext = {
  city: string
  name: string
  project: string
  dish: string
  language: string
  weekday: string
  time: string
  date: string
  month: string
  people: number
  days: number
  amount: number
}

export const chatContext = (r: Random): ChatContext => ({
  city: r.pick(CITIES),
  name: r.pick(FIRST_NAMES),
  project: r.pick(PROJECTS),
  dish: r.pick(DISHES),
  language: r.pick(LANGUAGES),
  weekday: r.pick(WEEKDAYS),
  time: r.pick(TIMES),
  date: dayMonth(r),
  month: r.pick(MONTHS),
  people: r.int(2, 10),
  days: r.int(2, 9),
  amount: r.int(4, 60) * 50,
})

type Line = (c: ChatContext) => string
/** A user message and the assistant's answer to it. */
export type Turn = readonly [ask: Line, answer: Line]

export type ChatTopic = {
  domain: Domain | 'general'
  title: Line
  summary: Line
  topics: ReadonlyArray<string>
  /** Ways the user opens the conversation; `answer` replies to any of them. */
  openers: ReadonlyArray<Line>
  answer: Line
  /** Follow-up questions with their answers, in the order a conversation would take them. */
  turns: ReadonlyArray<Turn>
  /** What a memory search in this conversation looks for. */
  query: Line
}

// biome-ignore format: a table of conversations reads best compact
export const CHAT_TOPICS: ReadonlyArray<ChatTopic> = [
  {
    domain: 'home', title: () => 'Fixing the leaking bathroom tap', summary: () => 'Diagnosed a worn washer or cartridge in the bathroom tap and listed the parts needed.',
    topics: ['home', 'repairs'], query: () => 'bathroom tap plumber',
    openers: [() => 'The bathroom tap has been dripping all week. Can I fix it myself or do I need a plumber?', () => 'Our bathroom tap keeps dripping even when it is shut tight. Any idea what is wrong?'],
    answer: () => 'A steady drip from a closed tap is usually a worn washer or cartridge, and most people can replace either in half an hour.',
    turns: [
      [() => 'It is a mixer tap, the kind with a single lever.', () => 'For a single-lever mixer it is almost always the cartridge. Take the old one to the shop so you get the same size; they cost about €15–30.'],
      [() => 'Where do I turn the water off first?', () => 'Use the isolation valve on the pipe under the sink, then open the tap to drain it. If the valve is stuck, the stopcock by the water meter works too.'],
      [(c) => `${c.name} says it might be the cartridge. How do I tell?`, () => 'If the lever feels stiff or the drip continues with a new washer, it is the cartridge. You will see it as soon as the handle is off.'],
    ],
  },
  {
    domain: 'home', title: () => 'Planning the kitchen renovation', summary: (c) => `Outlined the kitchen renovation in phases with a budget of about €${c.amount * 10}.`,
    topics: ['home', 'renovation', 'budget'], query: () => 'kitchen renovation budget',
    openers: [(c) => `We want to redo the kitchen this year with a budget of around €${c.amount * 10}. Where do we start?`, () => 'Help me plan the kitchen renovation — I keep going round in circles.'],
    answer: () => 'Start with the layout and the things that are expensive to move: plumbing, gas and electrics. Cabinets, worktops and finishes come after that.',
    turns: [
      [() => 'Which should come first, the floor or the cabinets?', () => 'Usually the floor, laid under where the cabinets will stand, so nobody has to cut around them later.'],
      [(c) => `${c.name} knows a carpenter. Should we get three quotes anyway?`, () => 'Yes, three quotes is worth it even with a recommendation. Ask each for a breakdown by labour and materials so they are comparable.'],
      [() => 'How long will we be without a kitchen?', (c) => `Plan for ${c.days + 10} to ${c.days + 20} days. A microwave and a kettle in another room make it much easier.`],
    ],
  },
  {
    domain: 'work', title: (c) => `Prep for the ${c.project} review`, summary: (c) => `Drafted talking points and risks for the ${c.project} review on ${c.weekday}.`,
    topics: ['work', 'meetings'], query: (c) => `${c.project} review`,
    openers: [(c) => `The ${c.project} review is on ${c.weekday} at ${c.time}. Can you help me prepare?`, (c) => `I need three talking points for the ${c.project} review.`],
    answer: () => 'Lead with progress, then one decision you need from the room, then the main risk and what you are doing about it.',
    turns: [
      [() => 'What risks should I mention without sounding negative?', () => 'Pick the one risk that could move the date and pair it with your mitigation. A risk with a plan sounds like control, not pessimism.'],
      [(c) => `${c.name} will ask about the timeline. What do I say?`, (c) => `Give ${c.name} a range rather than a date: "two to three weeks, depending on the vendor". Say what would make it shorter.`],
      [() => 'Can you make that fit on one slide?', () => 'One slide: status in a single sentence, three bullets of progress, one risk, one ask. Put the details in the appendix.'],
    ],
  },
  {
    domain: 'work', title: (c) => `Feedback for ${c.name}`, summary: (c) => `Worked out specific, kind feedback for ${c.name} ahead of their review.`,
    topics: ['work', 'people', 'feedback'], query: (c) => `${c.name} feedback`,
    openers: [(c) => `I have to give ${c.name} some critical feedback about missed deadlines. How do I start?`, (c) => `${c.name}'s review is next week. Help me phrase the feedback fairly.`],
    answer: () => 'Describe the situation, the behaviour and its impact, then ask for their view before suggesting anything. Keep it to one or two points.',
    turns: [
      [() => 'What if they get defensive?', () => 'Stay curious rather than arguing: acknowledge how they see it and come back to the impact. It is fine to pause and continue the next day.'],
      [() => 'Should I put it in writing afterwards?', () => 'Yes, a short written follow-up the same day helps — just what was agreed, not a second round of feedback.'],
      [() => 'Give me an example sentence.', (c) => `"In the last two sprints the ${c.project} tasks slipped by a few days, which pushed testing into the weekend. What got in the way?"`],
    ],
  },
  {
    domain: 'code', title: () => 'Debugging the flaky login test', summary: () => 'Traced the flaky login test to a race between the redirect and the session cookie.',
    topics: ['code', 'testing'], query: () => 'flaky login test',
    openers: [() => 'The login end-to-end test fails about one run in ten and I cannot reproduce it locally.', () => 'Why would a Playwright test pass locally and fail in CI only sometimes?'],
    answer: () => 'Intermittent failures after a login are often a race: the test checks the page before the redirect and the session cookie have settled.',
    turns: [
      [() => 'Here is the failing step: it times out waiting for the dashboard heading.', () => "That fits the race. Assert on the heading with a web-first assertion, `await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible()`, instead of a fixed wait."],
      [() => 'Would adding a longer timeout fix it?', () => 'It would hide it rather than fix it. Waiting for the thing you actually need is more reliable than waiting longer.'],
      [() => 'How do I get a trace from CI?', () => 'Set `trace: "on-first-retry"` in the config and upload the `test-results` folder as a CI artefact. Open it with `npx playwright show-trace`.'],
    ],
  },
  {
    domain: 'code', title: (c) => `Choosing a database for the ${c.project}`, summary: (c) => `Compared SQLite and Postgres for the ${c.project}; leaning towards SQLite for now.`,
    topics: ['code', 'architecture', 'databases'], query: (c) => `${c.project} database`,
    openers: [(c) => `For the ${c.project}, should we use SQLite or Postgres?`, () => 'We need a database for a small internal tool. What would you pick?'],
    answer: () => 'With one server and modest write traffic, SQLite is simpler to run and very fast. Postgres earns its keep once several services write at the same time.',
    turns: [
      [() => 'What happens when we need more than one server?', () => 'Then SQLite gets awkward: it is one file on one machine. That is the point where Postgres, or a replicated SQLite service, starts to pay off.'],
      [() => 'How would backups work with SQLite?', () => 'Use the online backup API or `VACUUM INTO` on a schedule and copy the file off the machine. Test a restore at least once.'],
      [(c) => `${c.name} worries about concurrent writes.`, () => 'SQLite serialises writes, but in WAL mode readers never block. Keep transactions short and it handles hundreds of writes per second.'],
    ],
  },
  {
    domain: 'research', title: () => 'Reading list on sleep science', summary: () => 'Put together a short, evidence-based reading list on sleep.',
    topics: ['research', 'sleep', 'books'], query: () => 'sleep reading list',
    openers: [() => 'Can you suggest a few good books or papers on sleep that are not pop-science fluff?', () => 'I want to understand sleep properly. Where should I start reading?'],
    answer: () => 'Three to start with: a textbook-style overview, one review article on sleep and memory, and a critical take that shows where the evidence is thin.',
    turns: [
      [() => 'Which one would you read first?', () => 'The overview: it gives you the vocabulary the papers assume.'],
      [() => 'Is any of it contested?', () => 'Some popular claims about exact hours and health risks are contested; the link between sleep and memory is on firmer ground.'],
      [() => 'Can you summarise the main idea of the first one?', () => 'Sleep is not idle time. Different stages do different work, and cutting one short has specific effects the next day.'],
    ],
  },
  {
    domain: 'research', title: (c) => `Notes on the ${c.city} housing report`, summary: (c) => `Summarised the key findings of the ${c.city} housing report and open questions.`,
    topics: ['research', 'housing', 'reports'], query: (c) => `${c.city} housing report`,
    openers: [(c) => `I am reading the ${c.city} housing report. Can you help me pull out the key findings?`, (c) => `Summarise the ${c.city} housing report for me: rents, supply and the policy options.`],
    answer: () => 'The headline findings: rents rose faster than wages, new supply lagged the targets, and most growth came from small units. The policy section weighs zoning changes against subsidies.',
    turns: [
      [() => 'Which numbers would you double-check?', () => 'The baseline year they compare against, and whether the rent figures are asking rents or actual contracts; that changes the picture a lot.'],
      [() => 'What is missing from their analysis?', () => 'It says little about who is moving out of the city and nothing about short-term lets. Both would change the supply story.'],
      [() => 'Make that into five bullet points.', () => '1. Rents up faster than wages. 2. Supply below target. 3. Growth mostly in small units. 4. Zoning versus subsidies. 5. Open question: who is leaving.'],
    ],
  },
  {
    domain: 'wellbeing', title: () => 'Winding down after long days', summary: () => 'Built a short evening routine to switch off after work.',
    topics: ['wellbeing', 'sleep', 'routine'], query: () => 'evening routine',
    openers: [() => 'I cannot switch off in the evenings. My head is still at work at midnight.', () => 'Help me build an evening routine. I keep scrolling until late.'],
    answer: () => "A short shutdown ritual helps: write tomorrow's top three on paper, close the laptop, and do something with your hands for a while.",
    turns: [
      [() => 'I tried meditation apps and they annoy me.', () => 'No apps needed. A slow walk round the block or a warm shower works as well as any guided session for many people.'],
      [() => 'What if I only have ten minutes?', () => "Ten minutes is enough: write tomorrow's list, then five minutes of something slow, like stretching or tidying the kitchen."],
      [() => 'Could you remind me at 21:30?', () => 'Yes. I will send a gentle reminder at 21:30 on weekdays; tell me if it gets annoying and I will stop.'],
    ],
  },
  {
    domain: 'wellbeing', title: () => 'Getting back into running', summary: (c) => `Planned a gentle ${c.days}-week return to running with three runs a week.`,
    topics: ['fitness', 'running'], query: () => 'running plan',
    openers: [() => 'I have not run for a year. How do I start again without getting injured?', (c) => `I want to run a 10k in ${c.month}. Is that realistic from zero?`],
    answer: () => 'Start with run-walk intervals three times a week, one minute running and two walking, and add a little each week. Rest days matter as much as the runs.',
    turns: [
      [() => 'My knee sometimes hurts on the stairs.', () => 'Then build up more slowly and keep the runs flat and short. If the pain stays or gets worse, see a physiotherapist before pushing on.'],
      [() => 'How fast should I go?', () => 'Slow enough to hold a conversation. Most of your runs should feel easy; speed comes later.'],
      [() => 'What if I miss a week?', () => 'That is fine. Repeat the last week you completed rather than jumping ahead.'],
    ],
  },
  {
    domain: 'food', title: () => 'Meal plan for the week', summary: () => 'Made a five-dinner meal plan with a shared shopping list.',
    topics: ['food', 'meal-plan', 'shopping'], query: () => 'meal plan dinners',
    openers: [() => 'Can you plan five dinners for this week? Nothing that takes longer than 30 minutes.', () => 'I need a meal plan for the week that uses up half a pumpkin and some spinach.'],
    answer: (c) => `Here is a start: Monday ${c.dish}, Tuesday a tray bake, Wednesday pumpkin soup, Thursday a stir-fry, Friday homemade pizza. Everything is under 30 minutes.`,
    turns: [
      [(c) => `${c.name} is coming on ${c.weekday} and does not eat meat.`, (c) => `Then ${c.weekday} can be the vegetarian one. Dal with spinach works well and scales easily.`],
      [() => 'Can you turn that into a shopping list?', () => 'Shopping list, grouped by aisle: vegetables, tins and dry goods, dairy, bakery. Check the cupboard for rice and spices first.'],
      [() => 'Swap Thursday for something lighter.', () => 'Thursday is now a big salad with lentils, feta and roasted vegetables, ready in 20 minutes.'],
    ],
  },
  {
    domain: 'food', title: (c) => `Cooking ${c.dish} for ${c.people}`, summary: (c) => `Scaled the ${c.dish} recipe for ${c.people} people and planned the timing.`,
    topics: ['food', 'recipes', 'guests'], query: (c) => `${c.dish} recipe`,
    openers: [(c) => `I am making ${c.dish} for ${c.people} people on ${c.weekday}. Can you scale the recipe?`, (c) => `How do I make ${c.dish} for ${c.people} without it going wrong?`],
    answer: (c) => `For ${c.people}, multiply everything by ${Math.max(1, Math.round(c.people / 4))} and cook in two pans rather than one crowded one.`,
    turns: [
      [() => 'One guest is gluten-free.', () => 'Easy: swap in gluten-free pasta or rice where needed, and check stock cubes and sauces, which often contain wheat.'],
      [() => 'What can I do the night before?', () => 'Most of the prep: chop the vegetables, make the sauce, and keep them covered in the fridge.'],
      [() => 'When do I need to start cooking?', (c) => `Work back from serving at ${c.time}: start about 90 minutes earlier and leave 15 minutes of slack.`],
    ],
  },
  {
    domain: 'writing', title: (c) => `Editing the short story set in ${c.city}`, summary: (c) => `Tightened the opening of the ${c.city} story and cut the slow second paragraph.`,
    topics: ['writing', 'fiction', 'editing'], query: () => 'short story draft',
    openers: [(c) => `Can you look at the opening of my short story set in ${c.city}? It feels slow.`, (c) => `Read the first page of my ${c.city} story? I think it drags.`],
    answer: () => 'The story really starts in the third paragraph, where the argument begins. Try opening there and fold the setting into the action.',
    turns: [
      [() => 'Which paragraph would you cut?', () => 'The second: it describes the weather and the street, and the reader learns both later anyway.'],
      [() => 'Is the ending too neat?', () => 'A little. It resolves everything; leaving one thread open would trust the reader more.'],
      [() => 'Be honest, is it any good?', () => 'It is good — the dialogue especially. Fix the opening and it will read much faster.'],
    ],
  },
  {
    domain: 'writing', title: (c) => `A toast for ${c.name}'s wedding`, summary: (c) => `Drafted a three-minute wedding toast for ${c.name}.`,
    topics: ['writing', 'speech', 'family'], query: (c) => `${c.name} wedding toast`,
    openers: [(c) => `I have to give a toast at ${c.name}'s wedding on ${c.date}. I have no idea where to start.`, (c) => `Help me write a short, funny but kind wedding toast for ${c.name}.`],
    answer: () => 'Start with how you know them, tell one short story that shows who they are, and end by raising a glass to both of them.',
    turns: [
      [() => 'How long should it be?', () => 'Three minutes is plenty, around 350 words.'],
      [() => 'Is this joke too much?', () => 'If you would not tell it in front of their grandparents, leave it out. Gentle teasing works; embarrassing stories do not.'],
      [() => 'Can you make the ending warmer?', (c) => `End with a wish for both of them, then raise your glass: "To ${c.name} and the adventure ahead."`],
    ],
  },
  {
    domain: 'finance', title: (c) => `Budget for the ${c.city} trip`, summary: (c) => `Estimated a ${c.days}-day ${c.city} trip at about €${c.amount}.`,
    topics: ['finance', 'travel', 'budget'], query: (c) => `${c.city} trip budget`,
    openers: [(c) => `How much should I budget for ${c.days} days in ${c.city}?`, (c) => `We have €${c.amount} for ${c.days} days in ${c.city}. Is that enough?`],
    answer: (c) => `Roughly: accommodation half the budget, food a quarter, and the rest for transport and activities. €${c.amount} works for ${c.days} days if you book the stay early.`,
    turns: [
      [() => 'Does that include flights?', () => 'No, that is for the days on the ground. Add flights or trains on top; booking a few weeks ahead usually saves the most.'],
      [() => 'Where can we save the most?', () => 'On accommodation. A place with a kitchen, one stop out of the centre, saves the most.'],
      [() => 'Put it in a table please.', () => 'Category | Share: Stay | 50% · Food | 25% · Transport | 10% · Activities | 10% · Buffer | 5%.'],
    ],
  },
  {
    domain: 'finance', title: () => 'Topping up the pension', summary: () => 'Went through extra pension contributions versus savings.',
    topics: ['finance', 'pension', 'savings'], query: () => 'pension savings',
    openers: [() => 'Should I put more into my pension or keep building savings?', (c) => `I have about €${c.amount} a month spare. Pension or savings?`],
    answer: () => 'The usual order is: emergency fund first, then any employer match, then a balance between pension and flexible savings. I cannot give regulated advice, but I can run the numbers.',
    turns: [
      [() => 'What about the emergency fund?', () => 'Keep three to six months of expenses in an easy-access account first; after that, extra money can go towards the pension.'],
      [() => 'Does my employer match contributions?', () => 'Check your payslip or ask HR. A match is an instant return, so it usually comes before anything else.'],
      [() => 'Can you show me the numbers?', (c) => `If €${c.amount} a month grows at 4% a year, that is about €${Math.round(c.amount * 12 * 12.5)} after ten years, before fees and inflation.`],
    ],
  },
  {
    domain: 'travel', title: (c) => `${c.days} days in ${c.city}`, summary: (c) => `Drafted a day-by-day plan for ${c.days} days in ${c.city}.`,
    topics: ['travel', 'itinerary'], query: (c) => `${c.city} itinerary`,
    openers: [(c) => `We are going to ${c.city} for ${c.days} days in ${c.month}. What should we not miss?`, (c) => `Plan ${c.days} relaxed days in ${c.city} for me, not too packed.`],
    answer: (c) => `Day 1: walk the old town and get your bearings. Day 2: a market in the morning, a museum in the afternoon. Keep day ${c.days} free for whatever you liked most.`,
    turns: [
      [() => 'We would rather avoid the big tourist spots.', () => 'Then pick neighbourhoods instead of sights: a market, a park and a café street each day, and go early.'],
      [(c) => `${c.name} lived there for a year. What should I ask them?`, (c) => `Ask ${c.name} where they ate on a normal Tuesday, not where they took visitors — that is where the good places are.`],
      [() => 'What if it rains?', () => 'Rainy-day options: the covered market, a long lunch, a museum you can book the same day, and the public baths if there are any.'],
    ],
  },
  {
    domain: 'travel', title: (c) => `Packing list for ${c.city}`, summary: (c) => `Made a carry-on packing list for ${c.city} in ${c.month}.`,
    topics: ['travel', 'packing'], query: () => 'packing list',
    openers: [(c) => `Can you make a packing list for ${c.days} days in ${c.city}? Carry-on only.`, (c) => `I am off to ${c.city} in ${c.month} with just a small suitcase. What should I pack?`],
    answer: () => 'Carry-on list: three tops, two bottoms, one warm layer, a rain jacket, comfortable shoes, toiletries under 100 ml and a small bag for the day.',
    turns: [
      [() => 'I always forget chargers.', () => 'Put every charger in one pouch and pack it first; a short checklist on the door helps too.'],
      [() => 'Do I need an adapter?', (c) => `Check the plug type used in ${c.city} before you go; a universal adapter covers most places.`],
      [() => 'Add the documents too.', () => 'Documents: passport, boarding passes, accommodation address, travel insurance number, and a photo of each on your phone.'],
    ],
  },
  {
    domain: 'language', title: (c) => `${c.language} practice: ordering food`, summary: (c) => `Practised ordering in a restaurant in ${c.language}; reviewed polite forms.`,
    topics: ['language', 'practice'], query: (c) => `${c.language} restaurant phrases`,
    openers: [(c) => `Can we practise ordering in a restaurant in ${c.language}?`, (c) => `I want to order dinner in ${c.language} without switching to English.`],
    answer: (c) => `Of course. I will play the waiter in ${c.language}; answer as you would in the restaurant and I will correct one thing at a time.`,
    turns: [
      [() => 'How do I ask for the bill politely?', (c) => `Use the polite form and a softener, like "Could we have the bill, please?" — I will show you the exact phrase in ${c.language}.`],
      [() => 'Did I get that right?', () => 'Nearly perfect — only the word order at the end. Try again with the verb first.'],
      [() => 'Slower, please.', () => 'Sure. Short sentences first, then we build up. Repeat after me and do not worry about the accent yet.'],
    ],
  },
  {
    domain: 'language', title: (c) => `${c.language} verbs that trip me up`, summary: (c) => `Reviewed irregular ${c.language} verbs and set up a spaced-repetition list.`,
    topics: ['language', 'grammar'], query: (c) => `${c.language} verbs`,
    openers: [(c) => `I keep mixing up the past tenses in ${c.language}. Can you explain the difference simply?`, (c) => `Can you explain the two past tenses in ${c.language} once more?`],
    answer: () => 'Think of one tense as a photo and the other as a video: a finished event versus something ongoing in the background.',
    turns: [
      [() => 'Give me five example sentences.', () => 'Here are five sentences, easiest first. Read them aloud, then cover the translation and try again.'],
      [() => 'Can you quiz me tomorrow?', (c) => `Noted. I will quiz you on ${c.weekday} and again a few days later.`],
      [() => 'That is the one I always get wrong.', () => 'Then it gets extra practice: three short sentences a day until it feels automatic.'],
    ],
  },
  {
    domain: 'garden', title: (c) => `What to plant in ${c.month}`, summary: (c) => `Listed what to sow and plant out on the allotment in ${c.month}.`,
    topics: ['garden', 'planting'], query: () => 'planting calendar',
    openers: [(c) => `What can I sow or plant out in ${c.month}?`, (c) => `The allotment is empty. What should go in this ${c.month}?`],
    answer: () => 'Salad leaves, radishes and peas can go straight in, and anything hardened off can be planted out once the frosts are over.',
    turns: [
      [() => 'The beds are quite shady in the afternoon.', () => 'Leafy crops cope best with shade: lettuce, chard, spinach and herbs like parsley. Keep fruiting plants for the sunniest bed.'],
      [() => 'What about the slugs?', () => 'Beer traps, copper tape and a walk with a torch after rain all help. Healthy young plants cope better than tiny seedlings.'],
      [() => 'Which of those is easiest for a beginner?', () => 'Radishes and salad leaves: fast, forgiving and ready in a few weeks.'],
    ],
  },
  {
    domain: 'garden', title: () => 'Saving the tomato plants', summary: () => 'Diagnosed yellowing tomato leaves and adjusted watering and feeding.',
    topics: ['garden', 'plants', 'problems'], query: () => 'tomato plants',
    openers: [() => 'The lower leaves on my tomato plants are turning yellow. Are they dying?', () => 'My tomatoes have brown spots on the leaves after all that rain.'],
    answer: () => 'Yellow lower leaves are often just age or a lack of nitrogen. Brown spots after rain point to blight, which spreads fast, so act now.',
    turns: [
      [() => 'I water them every evening.', () => 'Water at the base in the morning instead, so the leaves dry during the day.'],
      [() => 'Should I cut the leaves off?', () => 'Yes, cut off the affected leaves with clean scissors and put them in the bin, not the compost.'],
      [() => 'Can I still eat the tomatoes?', () => 'The fruit is fine to eat if it looks healthy. Pick them a little early and let them ripen indoors.'],
    ],
  },
  {
    domain: 'general', title: (c) => `Gift ideas for ${c.name}`, summary: (c) => `Came up with gift ideas for ${c.name} under €${Math.min(c.amount, 150)}.`,
    topics: ['gifts', 'people'], query: (c) => `${c.name} gift`,
    openers: [(c) => `It is ${c.name}'s birthday on ${c.date}. Any gift ideas under €${Math.min(c.amount, 150)}?`, (c) => `What should I get ${c.name}? I am out of ideas.`],
    answer: (c) => `From what I remember about ${c.name}: a cooking class, concert tickets, or a good cookbook with a handwritten note.`,
    turns: [
      [() => 'Something experience-based rather than stuff.', () => 'Then a class you can do together, a day trip, or a table at a place they keep mentioning.'],
      [() => 'They already have everything.', () => 'Go for something that gets used up or shared: good food, a class, or a day out together.'],
      [() => 'Where could I buy that nearby?', () => 'A small independent shop will usually wrap it for you. Order by the weekend to be safe.'],
    ],
  },
  {
    domain: 'general', title: (c) => `Planning ${c.name}'s birthday`, summary: (c) => `Planned a small surprise dinner for ${c.name} with ${c.people} guests.`,
    topics: ['family', 'party', 'planning'], query: (c) => `${c.name} birthday`,
    openers: [(c) => `I want to organise a surprise dinner for ${c.name}'s birthday, about ${c.people} people.`, (c) => `Help me plan a surprise birthday dinner for ${c.name} on ${c.weekday}.`],
    answer: (c) => `Book a table for ${c.people + 1} at ${c.time}, and have someone bring ${c.name} ten minutes later.`,
    turns: [
      [() => 'How do I keep it a surprise?', (c) => `Make a group chat without ${c.name}, call it a quiet dinner with one friend, and ask everyone to arrive 15 minutes early.`],
      [() => 'What about a cake?', () => 'Order it at least three days ahead, and ask the restaurant whether you can bring your own.'],
      [() => 'Can you write the invitation message?', (c) => `"We are taking ${c.name} out for a surprise birthday dinner on ${c.weekday} at ${c.time}. Please keep it quiet and reply by Friday!"`],
    ],
  },
]

/** Turns that fit any conversation. */
// biome-ignore format: a table of turns reads best compact
export const GENERIC_TURNS: ReadonlyArray<Turn> = [
  [() => 'That makes sense. What would you do first?', () => 'The smallest step that unblocks the rest. Then check how it feels after a week.'],
  [() => 'Can you make it shorter?', () => 'Sure. The short version: do the first step today and leave the rest for later.'],
  [() => 'Thanks! And roughly what would it cost?', (c) => `Somewhere around €${c.amount}, depending mostly on timing.`],
  [(c) => `Hmm, not sure that works for ${c.name}.`, (c) => `Fair point. If ${c.name} cannot make it, the second option works without them.`],
  [() => 'Could you put that in a table?', () => 'Here it is as a table: option, effort, cost, and when to decide.'],
  [(c) => `Good idea. Can you remind me on ${c.weekday}?`, (c) => `Done. I will remind you on ${c.weekday} at ${c.time}.`],
  [() => 'What did I say about this last time?', (c) => `Last time you said you would rather keep ${c.weekday} free, so I planned around that.`],
  [() => "Okay, let's go with the second option.", () => 'Good choice. I have noted it and will bring it up again if anything changes.'],
  [() => 'Remember this for next time, please.', () => "Noted — I'll remember that."],
  [() => 'Thanks, that helps a lot.', () => 'Glad it helps. Shout if anything changes.'],
]

// biome-ignore format: a word bank reads best packed
export const ATTACHMENTS = [
  { name: 'itinerary.pdf', mimeType: 'application/pdf' },
  { name: 'floorplan.png', mimeType: 'image/png' },
  { name: 'notes.md', mimeType: 'text/markdown' },
  { name: 'budget.csv', mimeType: 'text/csv' },
  { name: 'photo.jpg', mimeType: 'image/jpeg' },
  { name: 'draft.txt', mimeType: 'text/plain' },
] as const

export const TOOLS = ['search_memories', 'create_memory', 'set_reminder'] as const

/** Picks a topic for a persona: mostly one of its own domains, sometimes anything. */
export const pickTopic = (r: Random, domains: ReadonlyArray<Domain>): ChatTopic => {
  if (r.chance(0.75)) {
    const mine = CHAT_TOPICS.filter((t) => t.domain !== 'general' && domains.includes(t.domain))
    if (mine.length > 0) return r.pick(mine)
  }
  return r.pick(CHAT_TOPICS)
}
