'use client';

import { createContext, useContext } from 'react';

/** The district's IANA time zone (district.json timeZone), for client components that show or take times. */
export const DistrictTimeZone = createContext<string | undefined>(undefined);

export function useDistrictTimeZone(): string | undefined {
  return useContext(DistrictTimeZone);
}
