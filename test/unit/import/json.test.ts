/** JSON billing files (src/import/json.ts): the line of a rejected row. */
import { describe, expect, it } from "vitest";
import { summarize } from "../../../src/import/index";
import { memInput } from "./helpers";

describe("JSON rejected rows name the line on which the result object starts", () => {
  it("OpenAI Costs pages (a page and an array of pages) and the Anthropic cost report", async () => {
    const page = (value: string): string =>
      [
        "{",
        '  "object": "page",',
        '  "data": [',
        "    {",
        '      "object": "bucket", "start_time": 1730419200, "end_time": 1730505600,',
        '      "results": [',
        "        {",
        '          "object": "organization.costs.result",',
        '          "amount": { "value": 0.06, "currency": "usd" },',
        '          "line_item": "gpt-4o, input", "project_id": null',
        "        },",
        `        { "object": "organization.costs.result", "amount": { "value": ${value}, "currency": "usd" }, "line_item": "gpt-4o, output", "project_id": "p\\"x" }`,
        "      ]",
        "    }",
        "  ]",
        "}",
      ].join("\n");
    const one = await summarize([memInput("oa.json", page('"x"'))], { period: "month", cost: "billed" });
    expect(one.sources[0].rejected).toEqual([{ line: 12, reason: "amount.value is not a number: 'x'" }]);
    const two = await summarize([memInput("oa.json", "[\n" + page("1") + ",\n" + page('"y"') + "\n]\n")], { period: "month", cost: "billed" });
    // the second page starts on line 18 (after "[" and the first page's 16 lines); its second result on line 18 + 11
    expect(two.sources[0].rejected).toEqual([{ line: 29, reason: "amount.value is not a number: 'y'" }]);
    const an = [
      '{"data": [{"starting_at": "2025-08-01T00:00:00Z", "ending_at": "2025-08-02T00:00:00Z", "results": [',
      '  {"currency": "USD", "amount": "100", "model": "claude", "cost_type": "tokens"},',
      "",
      '  {"currency": "USD", "amount": "abc",',
      '   "model": "claude", "cost_type": "tokens"}',
      "]}], \"has_more\": false}",
    ].join("\n");
    const a = await summarize([memInput("an.json", an)], { period: "month", cost: "billed" });
    expect(a.sources[0].rejected.map((x) => x.line)).toEqual([4]);
  });
});
