import { GeneralErrorBoundary } from "~/components/error-boundary.tsx";

export async function loader() {
  throw new Response("Nicht gefunden", { status: 404 });
}

export default function NotFound() {
  return <GeneralErrorBoundary />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
