import { redirect } from 'next/navigation';

/** The studio opens on the entity designer. */
export default function StudioHome() {
  redirect('/studio/entities');
}
