/* Print, as JSON, what diagnosis.js reads for each case given on the
 * command line ("40-3-2-0-0"): the answer, its sentences and the funnel's
 * bars. The Python tests hold the page (and the words' reading grade) to it:
 * `ATN_STUCK_DATA=data.json node tests/js/read-cases.mjs 40-3-2-0-0 ...`. */
import { diagnose, funnelTexts } from "../../assets/javascripts/diagnosis.js";
import { countsOf, stuckData } from "./stuck-data.mjs";

const data = stuckData();
const readings = {};
for (const id of process.argv.slice(2)) {
  const reading = diagnose(data, countsOf(id.split("-").map(Number)));
  readings[id] = {
    answer: reading.answer, title: reading.title, why: reading.why, too_few: reading.tooFew,
    next: reading.next, advice: reading.advice, funnel: funnelTexts(data, reading)
  };
}
process.stdout.write(JSON.stringify(readings));
