import type { OrgUnitInfo } from '../org';

export interface AddressMatch {
  unitId: string;
  /** The name or alias found in the address. */
  matched: string;
}

/**
 * Finds the org unit an address names: unit names of areas (subdistricts, towns, communities,
 * villages) and configured aliases (compound names, old names). The deepest unit wins, then the
 * longest name: "红山街道红山社区3号楼" goes to the community, not the subdistrict.
 */
export class AddressMatcher {
  private readonly names: { text: string; unit: OrgUnitInfo }[] = [];

  constructor(units: Iterable<OrgUnitInfo>, aliases: { unit: string; aliases: string[] }[] = [], lookup?: (id: string) => OrgUnitInfo | undefined) {
    for (const unit of units) {
      // The root's name is in every address of the district: it says nothing.
      if (unit.kind === 'area' && unit.parentId && unit.name.length >= 2) this.names.push({ text: unit.name, unit });
    }
    for (const entry of aliases) {
      const unit = lookup?.(entry.unit);
      if (unit) for (const text of entry.aliases) this.names.push({ text, unit });
    }
    // Deepest first, then longest: the first hit is the answer.
    this.names.sort((a, b) => b.unit.depth - a.unit.depth || b.text.length - a.text.length);
  }

  match(address: string | undefined): AddressMatch | undefined {
    if (!address) return undefined;
    const text = address.normalize('NFKC');
    for (const n of this.names) if (text.includes(n.text)) return { unitId: n.unit.id, matched: n.text };
    return undefined;
  }
}
