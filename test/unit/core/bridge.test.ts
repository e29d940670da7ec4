/** The cost bridge in decimal: every line equals its formula to 20 significant digits, and the lines sum exactly. */
import fc from "fast-check";
import DecimalJs from "decimal.js";
import { describe, expect, it } from "vitest";
import { costBridge, type BridgeKey } from "../../../src/core/bridge";
import { Decimal } from "../../../src/core/decimal";

const W = DecimalJs.clone({ precision: 100 });

describe("costBridge", () => {
  it("lines match their formulas to 20 digits; volume + mix + rate + new + retired = ΔC exactly", () => {
    const side = fc.tuple(fc.integer({ min: 0, max: 10_000_000 }).map((c) => c / 1000), fc.integer({ min: 0, max: 5_000_000 }));
    fc.assert(
      fc.property(fc.array(fc.tuple(side, side), { minLength: 1, maxLength: 15 }), (raw) => {
        const keys: BridgeKey[] = raw.map(([[c0, i0], [c1, i1]]) => ({
          prior: { cost: new Decimal(c0), inferences: new Decimal(c0 > 0 && i0 === 0 ? 1 : i0) },
          current: { cost: new Decimal(c1), inferences: new Decimal(c1 > 0 && i1 === 0 ? 1 : i1) },
        }));
        const b = costBridge(keys);
        const total = (f: (k: BridgeKey) => Decimal | null) => keys.reduce((a, k) => a.plus(f(k) ?? 0), new Decimal(0));
        const change = total((k) => k.current.cost).minus(total((k) => k.prior.cost));
        expect(b.volume.plus(b.mix).plus(b.rate).plus(b.new).plus(b.retired).eq(change)).toBe(true);
        // the formulas at 100 digits
        const has = (s: BridgeKey["prior"]) => !(s.cost as Decimal).isZero() || !(s.inferences as Decimal).isZero();
        const common = keys.filter((k) => has(k.prior) && has(k.current));
        const V0 = common.reduce((a, k) => a.plus((k.prior.inferences as Decimal).toString()), new W(0));
        const V1 = common.reduce((a, k) => a.plus((k.current.inferences as Decimal).toString()), new W(0));
        let vol = new W(0);
        let mix = new W(0);
        let rate = new W(0);
        for (const k of common) {
          const s0 = new W((k.prior.inferences as Decimal).toString()).div(V0);
          const s1 = new W((k.current.inferences as Decimal).toString()).div(V1);
          const c0 = new W((k.prior.cost as Decimal).toString()).div((k.prior.inferences as Decimal).toString());
          const c1 = new W((k.current.cost as Decimal).toString()).div((k.current.inferences as Decimal).toString());
          vol = vol.plus(s0.times(c0));
          mix = mix.plus(s1.minus(s0).times(c0));
          rate = rate.plus(s1.times(c1.minus(c0)));
        }
        const close = (got: Decimal, want: InstanceType<typeof W>) => {
          const g = new W(got.toString());
          expect(g.minus(want).abs().lte(want.abs().times("1e-20").plus("1e-29")), `${g} vs ${want}`).toBe(true);
        };
        if (common.length > 0) {
          close(b.volume, V1.minus(V0).times(vol));
          close(b.mix, V1.times(mix));
          close(b.rate, V1.times(rate));
        }
      }),
      { numRuns: 500, seed: 7 },
    );
  });
});
