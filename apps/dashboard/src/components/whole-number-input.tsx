import { NumberInput, type NumberInputProps } from '@mantine/core';

/**
 * A NumberInput that never rewrites what was typed. Mantine's own clamps to min/max on blur and
 * drops a minus sign or a decimal point as they are typed, so 100,000 keys silently became 10,000,
 * -5 became 5 and 2.5 became 25. Here the value stays as typed and the form's schema refuses it
 * with a message that says the limit; `min` and `max` only bound the arrow buttons' steps.
 */
export function WholeNumberInput(props: Omit<NumberInputProps, 'clampBehavior' | 'allowDecimal' | 'allowNegative'>) {
  return <NumberInput {...props} clampBehavior="none" allowDecimal allowNegative />;
}
