"""Portrait: customer profiles (客户画像) from a company's source systems."""
