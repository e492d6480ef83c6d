import { CloseButton, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';

interface SearchInputProps {
  value: string;
  onChange: (value: string) => void;
  placeholder: string;
  label: string;
}

/** A search box that reports what was typed once typing pauses (300 ms), not on every key. */
export function SearchInput({ value, onChange, placeholder, label }: SearchInputProps) {
  const [text, setText] = useState(value);
  const report = useDebouncedCallback((next: string) => onChange(next.trim()), 300);

  // Follow the URL (back button, "clear filters"), but not the trimming of what is being typed:
  // adjusted while rendering when `value` changes (react.dev, "You Might Not Need an Effect").
  const [followedValue, setFollowedValue] = useState(value);
  if (followedValue !== value) {
    setFollowedValue(value);
    if (text.trim() !== value) setText(value);
  }

  return (
    <TextInput
      aria-label={label}
      placeholder={placeholder}
      leftSection={<IconSearch size={16} />}
      value={text}
      maxLength={100}
      onChange={(e) => {
        setText(e.currentTarget.value);
        report(e.currentTarget.value);
      }}
      rightSection={
        text ? (
          <CloseButton
            size="sm"
            aria-label="Clear search"
            onClick={() => {
              setText('');
              onChange('');
            }}
          />
        ) : null
      }
      style={{ flex: '1 1 14rem' }}
    />
  );
}
